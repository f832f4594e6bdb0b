import { sqlFlagCheck } from "../../lib/flags.js";
import { atLeast } from "../../lib/levels.js";

export default sqlFlagCheck({
  id: "gcp.sql.postgres-log-min-messages",
  title: "Cloud SQL for PostgreSQL logs messages of WARNING severity or higher",
  description:
    "log_min_messages at WARNING or above keeps the log useful; DEBUG and INFO levels bury errors in noise.",
  engine: "postgres",
  flag: "log_min_messages",
  unset: "error",
  accept: (v) => atLeast(v, "warning"),
  expected: "warning",
  reference: "https://cloud.google.com/sql/docs/postgres/flags",
});
