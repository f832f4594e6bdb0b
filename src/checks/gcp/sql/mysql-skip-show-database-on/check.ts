import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.mysql-skip-show-database-on",
  title: "Cloud SQL for MySQL sets skip_show_database on",
  description:
    "With skip_show_database on, SHOW DATABASES lists only the databases a user has privileges on, not every database on the server.",
  engine: "mysql",
  flag: "skip_show_database",
  unset: undefined,
  accept: (v) => v === "on",
  expected: "on",
  reference: "https://cloud.google.com/sql/docs/mysql/flags",
});
