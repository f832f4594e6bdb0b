import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.sqlserver-user-connections-unlimited",
  title: "Cloud SQL for SQL Server does not limit user connections",
  description: "A user connections limit lets a burst of connections lock everyone else out of the database.",
  engine: "sqlserver",
  flag: "user connections",
  unset: "0",
  accept: (v) => v === "0",
  expected: "0",
  reference: "https://cloud.google.com/sql/docs/sqlserver/flags",
});
