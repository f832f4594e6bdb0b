import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.sqlserver-remote-access-off",
  title: "Cloud SQL for SQL Server disables remote access",
  description:
    "remote access lets stored procedures run from or on remote servers, which can be abused to offload attack traffic.",
  engine: "sqlserver",
  flag: "remote access",
  unset: "on",
  accept: (v) => v === "off",
  expected: "off",
  reference: "https://cloud.google.com/sql/docs/sqlserver/flags",
});
