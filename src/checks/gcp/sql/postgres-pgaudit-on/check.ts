import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.postgres-pgaudit-on",
  title: "Cloud SQL for PostgreSQL enables pgAudit",
  description:
    "cloudsql.enable_pgaudit turns on the pgAudit extension, which sends detailed session and object audit records to Cloud Logging.",
  engine: "postgres",
  flag: "cloudsql.enable_pgaudit",
  unset: undefined,
  accept: (v) => v === "on",
  expected: "on",
  reference: "https://cloud.google.com/sql/docs/postgres/pg-audit",
});
