import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.postgres-log-statement",
  title: "Cloud SQL for PostgreSQL logs DDL statements",
  description:
    "Logging at least DDL statements (log_statement=ddl) records schema changes for later investigation.",
  engine: "postgres",
  flag: "log_statement",
  unset: "none",
  accept: (v) => ["ddl", "mod", "all"].includes(String(v).toLowerCase()),
  expected: "ddl",
  reference: "https://cloud.google.com/sql/docs/postgres/flags",
});
