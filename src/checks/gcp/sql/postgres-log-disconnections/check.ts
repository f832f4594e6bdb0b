import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { databaseFlag, sqlEngine } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.sql.postgres-log-disconnections",
  title: "Cloud SQL for PostgreSQL logs disconnections",
  description: "Disconnection logs give session durations, which help spot unusual sessions.",
  severity: "low",
  resourceTypes: ["gcp.sql.instance"],
  remediation: "Set the database flag log_disconnections to on.",
  references: ["https://cloud.google.com/sql/docs/postgres/flags"],
  evaluate(resource) {
    if (sqlEngine(getPath(resource.properties, "databaseVersion")) !== "postgres")
      return notApplicable("the flag applies to postgres only", {
        path: "databaseVersion",
        actual: getPath(resource.properties, "databaseVersion"),
      });
    const value = databaseFlag(getPath(resource.properties, "settings"), "log_disconnections");
    if (["on"].includes(String(value).toLowerCase()))
      return pass("log_disconnections is on", { path: "settings.databaseFlags", actual: value ?? null });
    return fail(`log_disconnections is ${value === undefined ? "not set" : String(value)}`, {
      path: "settings.databaseFlags",
      actual: value ?? null,
      expected: "log_disconnections=on",
    });
  },
});
