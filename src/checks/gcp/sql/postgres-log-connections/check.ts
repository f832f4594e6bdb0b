import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.postgres-log-connections",
  title: "Cloud SQL for PostgreSQL logs connections",
  description: "Connection logs show who connected from where, which investigations of database access need.",
  engine: "postgres",
  flag: "log_connections",
  unset: "off",
  accept: (v) => v?.toLowerCase() === "on",
  expected: "on",
  severity: "medium",
  reference: "https://cloud.google.com/sql/docs/postgres/flags",
});
