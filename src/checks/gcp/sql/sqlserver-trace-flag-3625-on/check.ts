import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.sqlserver-trace-flag-3625-on",
  title: "Cloud SQL for SQL Server masks error details with trace flag 3625",
  description: "Trace flag 3625 hides parameters in error messages from users who are not sysadmin.",
  engine: "sqlserver",
  flag: "3625",
  unset: undefined,
  accept: (v) => v === "on",
  expected: "on",
  reference: "https://cloud.google.com/sql/docs/sqlserver/flags",
});
