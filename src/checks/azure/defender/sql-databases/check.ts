import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.sql-databases",
  plan: "SqlServers",
  label: "Azure SQL Databases",
  description: "Defender for Azure SQL finds vulnerabilities and detects SQL injection and anomalous access.",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-sql-introduction",
});
