import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.sqlserver-cross-db-ownership-chaining-off",
  title: "Cloud SQL for SQL Server disables cross db ownership chaining",
  description:
    "Cross-database ownership chaining lets a user of one database reach objects of another without a permission check.",
  engine: "sqlserver",
  flag: "cross db ownership chaining",
  unset: "off",
  accept: (v) => v?.toLowerCase() === "off",
  expected: "off",
  severity: "medium",
  reference: "https://cloud.google.com/sql/docs/sqlserver/flags",
});
