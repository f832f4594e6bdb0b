import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.sqlserver-user-options-unset",
  title: "Cloud SQL for SQL Server does not set global user options",
  description: "user options changes session defaults for every user, some of which weaken query safety.",
  engine: "sqlserver",
  flag: "user options",
  unset: undefined,
  accept: (v) => v === undefined,
  expected: "unset",
  reference: "https://cloud.google.com/sql/docs/sqlserver/flags",
});
