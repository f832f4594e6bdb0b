import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.sqlserver-external-scripts-off",
  title: "Cloud SQL for SQL Server disables external scripts",
  description:
    "external scripts enabled lets scripts in R or Python run outside the database engine's control.",
  engine: "sqlserver",
  flag: "external scripts enabled",
  unset: "off",
  accept: (v) => v === "off",
  expected: "off",
  reference: "https://cloud.google.com/sql/docs/sqlserver/flags",
});
