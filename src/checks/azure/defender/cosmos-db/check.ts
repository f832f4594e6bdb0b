import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.cosmos-db",
  plan: "CosmosDbs",
  label: "Azure Cosmos DB",
  description:
    "Defender for Azure Cosmos DB detects SQL injection and anomalous access to Cosmos DB accounts.",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/concept-defender-for-cosmos",
});
