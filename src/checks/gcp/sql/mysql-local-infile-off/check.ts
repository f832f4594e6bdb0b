import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { databaseFlag, sqlEngine } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.sql.mysql-local-infile-off",
  title: "Cloud SQL for MySQL disables local_infile",
  description:
    "local_infile lets a client make the server read files of the client's choosing, a known path for data theft after SQL injection.",
  severity: "medium",
  resourceTypes: ["gcp.sql.instance"],
  remediation: "Set the database flag local_infile to off.",
  references: ["https://cloud.google.com/sql/docs/mysql/flags"],
  evaluate(resource) {
    if (sqlEngine(getPath(resource.properties, "databaseVersion")) !== "mysql")
      return notApplicable("the flag applies to mysql only", {
        path: "databaseVersion",
        actual: getPath(resource.properties, "databaseVersion"),
      });
    const value = databaseFlag(getPath(resource.properties, "settings"), "local_infile");
    if (["off"].includes(String(value).toLowerCase()))
      return pass("local_infile is off", { path: "settings.databaseFlags", actual: value ?? null });
    return fail(`local_infile is ${value === undefined ? "not set" : String(value)}`, {
      path: "settings.databaseFlags",
      actual: value ?? null,
      expected: "local_infile=off",
    });
  },
});
