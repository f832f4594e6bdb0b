import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.open-source-databases",
  plan: "OpenSourceRelationalDatabases",
  label: "open-source relational databases",
  description:
    "Defender for open-source relational databases detects brute force and anomalous access to PostgreSQL and MySQL servers.",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-databases-introduction",
});
