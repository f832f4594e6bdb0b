import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { databaseFlag, sqlEngine } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.sql.sqlserver-cross-db-ownership-chaining-off",
  title: "Cloud SQL for SQL Server disables cross db ownership chaining",
  description:
    "Cross-database ownership chaining lets a user of one database reach objects of another without a permission check.",
  severity: "medium",
  resourceTypes: ["gcp.sql.instance"],
  remediation: "Set the database flag cross db ownership chaining to off.",
  references: ["https://cloud.google.com/sql/docs/sqlserver/flags"],
  evaluate(resource) {
    if (sqlEngine(getPath(resource.properties, "databaseVersion")) !== "sqlserver")
      return notApplicable("the flag applies to sqlserver only", {
        path: "databaseVersion",
        actual: getPath(resource.properties, "databaseVersion"),
      });
    const value = databaseFlag(getPath(resource.properties, "settings"), "cross db ownership chaining");
    if (value === undefined || ["off"].includes(String(value).toLowerCase()))
      return pass("cross db ownership chaining is off", {
        path: "settings.databaseFlags",
        actual: value ?? null,
      });
    return fail(`cross db ownership chaining is ${value === undefined ? "not set" : String(value)}`, {
      path: "settings.databaseFlags",
      actual: value ?? null,
      expected: "cross db ownership chaining=off",
    });
  },
});
