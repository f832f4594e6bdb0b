import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.sqlserver-contained-db-auth-off",
  title: "Cloud SQL for SQL Server disables contained database authentication",
  description:
    "Contained database users authenticate inside the database, outside the server's login policies.",
  engine: "sqlserver",
  flag: "contained database authentication",
  unset: "off",
  accept: (v) => v?.toLowerCase() === "off",
  expected: "off",
  severity: "medium",
  reference: "https://cloud.google.com/sql/docs/sqlserver/flags",
});
