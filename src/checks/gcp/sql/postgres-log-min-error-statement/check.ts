import { sqlFlagCheck } from "../../lib/flags.js";
import { atLeast } from "../../lib/levels.js";

export default sqlFlagCheck({
  id: "gcp.sql.postgres-log-min-error-statement",
  title: "Cloud SQL for PostgreSQL logs the statements of ERROR or stricter messages",
  description:
    "log_min_error_statement at ERROR or stricter records the SQL that caused an error without logging routine statements.",
  engine: "postgres",
  flag: "log_min_error_statement",
  unset: "error",
  accept: (v) => atLeast(v, "error"),
  expected: "error",
  reference: "https://cloud.google.com/sql/docs/postgres/flags",
});
