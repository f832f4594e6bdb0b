import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.postgres-log-min-duration-disabled",
  title: "Cloud SQL for PostgreSQL does not log statements by duration",
  description:
    "log_min_duration_statement logs the full text of slow statements, which can include sensitive values.",
  engine: "postgres",
  flag: "log_min_duration_statement",
  unset: "-1",
  accept: (v) => v === "-1",
  expected: "-1",
  reference: "https://cloud.google.com/sql/docs/postgres/flags",
});
