import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.sql-servers-on-machines",
  plan: "SqlServerVirtualMachines",
  label: "SQL servers on machines",
  description: "Defender for SQL servers on machines protects SQL Server running on virtual machines.",
  reference: "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-sql-usage",
});
