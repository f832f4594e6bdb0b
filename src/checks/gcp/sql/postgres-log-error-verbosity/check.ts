import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.postgres-log-error-verbosity",
  title: "Cloud SQL for PostgreSQL logs errors at DEFAULT verbosity or stricter",
  description:
    "VERBOSE error logging writes source file names, functions and SQLSTATE details that help an attacker more than an operator.",
  engine: "postgres",
  flag: "log_error_verbosity",
  unset: "default",
  accept: (v) => ["default", "terse"].includes(String(v).toLowerCase()),
  expected: "default",
  reference: "https://cloud.google.com/sql/docs/postgres/flags",
});
