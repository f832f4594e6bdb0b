import { sqlFlagCheck } from "../../lib/flags.js";

export default sqlFlagCheck({
  id: "gcp.sql.mysql-local-infile-off",
  title: "Cloud SQL for MySQL disables local_infile",
  description:
    "local_infile lets a client make the server read files of the client's choosing, a known path for data theft after SQL injection.",
  engine: "mysql",
  flag: "local_infile",
  unset: undefined,
  accept: (v) => v?.toLowerCase() === "off",
  expected: "off",
  severity: "medium",
  reference: "https://cloud.google.com/sql/docs/mysql/flags",
});
