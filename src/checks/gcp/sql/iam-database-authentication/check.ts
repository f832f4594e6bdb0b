import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { databaseFlag, sqlEngine, truthy } from "../../../lib/gcp.js";

/** The flag that turns on IAM database authentication, per engine (SQL Server has none). */
const FLAG: Record<string, string> = {
  postgres: "cloudsql.iam_authentication",
  mysql: "cloudsql_iam_authentication",
};

export default defineCheck({
  id: "gcp.sql.iam-database-authentication",
  title: "Cloud SQL instance accepts IAM database authentication",
  description:
    "With IAM database authentication users log in with their Google identity and short-lived tokens, so access follows IAM and leaves with the person instead of living in database passwords.",
  severity: "medium",
  resourceTypes: ["gcp.sql.instance"],
  remediation:
    "Set the database flag cloudsql.iam_authentication (PostgreSQL) or cloudsql_iam_authentication (MySQL) to on, and create IAM database users.",
  references: ["https://cloud.google.com/sql/docs/postgres/iam-authentication"],
  evaluate(resource) {
    const version = getPath(resource.properties, "databaseVersion");
    if (isUnknown(version))
      return notApplicable("the database version is not known", { path: "databaseVersion", actual: version });
    const engine = sqlEngine(version);
    const flag = engine ? FLAG[engine] : undefined;
    if (!flag)
      return notApplicable("IAM database authentication exists for PostgreSQL and MySQL only", {
        path: "databaseVersion",
        actual: version,
      });
    const path = "settings.databaseFlags";
    const value = databaseFlag(getPath(resource.properties, "settings"), flag);
    if (isUnknown(value)) return notApplicable("the database flags are not known", { path, actual: value });
    if (truthy(value)) return pass(`${flag} is on`, { path, actual: value });
    return fail(`${flag} is ${value === undefined ? "not set (default off)" : String(value)}`, {
      path,
      actual: value ?? null,
      expected: `${flag}=on`,
    });
  },
});
