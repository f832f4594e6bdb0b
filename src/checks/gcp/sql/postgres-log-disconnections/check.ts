import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.postgres-log-disconnections",
  title: "Cloud SQL for PostgreSQL logs disconnections",
  description: "Disconnection logs give session durations, which help spot unusual sessions.",
  engine: "postgres",
  flag: "log_disconnections",
  unset: "off",
  accept: (v) => v?.toLowerCase() === "on",
  expected: "on",
  reference: "https://cloud.google.com/sql/docs/postgres/flags",
});
