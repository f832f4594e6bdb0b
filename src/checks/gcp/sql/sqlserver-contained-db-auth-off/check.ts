import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { databaseFlag, sqlEngine } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.sql.sqlserver-contained-db-auth-off",
  title: "Cloud SQL for SQL Server disables contained database authentication",
  description:
    "Contained database users authenticate inside the database, outside the server's login policies.",
  severity: "medium",
  resourceTypes: ["gcp.sql.instance"],
  remediation: "Set the database flag contained database authentication to off.",
  references: ["https://cloud.google.com/sql/docs/sqlserver/flags"],
  evaluate(resource) {
    if (sqlEngine(getPath(resource.properties, "databaseVersion")) !== "sqlserver")
      return notApplicable("the flag applies to sqlserver only", {
        path: "databaseVersion",
        actual: getPath(resource.properties, "databaseVersion"),
      });
    const value = databaseFlag(getPath(resource.properties, "settings"), "contained database authentication");
    if (value === undefined || ["off"].includes(String(value).toLowerCase()))
      return pass("contained database authentication is off", {
        path: "settings.databaseFlags",
        actual: value ?? null,
      });
    return fail(`contained database authentication is ${value === undefined ? "not set" : String(value)}`, {
      path: "settings.databaseFlags",
      actual: value ?? null,
      expected: "contained database authentication=off",
    });
  },
});
