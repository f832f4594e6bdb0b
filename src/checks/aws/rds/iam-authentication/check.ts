import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, notApplicable } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

/** Engines for which RDS offers IAM database authentication. */
function supportsIamAuth(engine: string): boolean {
  return ["mysql", "mariadb", "postgres"].includes(engine) || engine.startsWith("aurora");
}

export default defineCheck({
  id: "aws.rds.iam-authentication",
  title: "RDS instance or cluster uses IAM database authentication",
  description:
    "IAM authentication replaces long-lived database passwords with short-lived tokens tied to IAM identities, so access is granted and revoked in one place.",
  severity: "low",
  resourceTypes: ["aws.rds.db-instance", "aws.rds.db-cluster"],
  remediation:
    "Enable IAM database authentication (`iam_database_authentication_enabled = true`) and grant `rds-db:connect` to the identities that need it.",
  references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html"],
  fixes: {
    terraform: 'resource "aws_db_instance" "example" {\n  iam_database_authentication_enabled = true\n}',
    cloudformation: "Type: AWS::RDS::DBInstance\nProperties:\n  EnableIAMDatabaseAuthentication: true",
  },
  evaluate(resource) {
    const engine = getPath(resource.properties, "engine");
    if (isUnknown(engine)) return notApplicable("engine is not known", { path: "engine", actual: engine });
    if (typeof engine !== "string" || !supportsIamAuth(engine))
      return notApplicable(`engine ${String(engine)} does not support IAM database authentication`, {
        path: "engine",
        actual: engine ?? null,
      });
    return expectValue(resource, "iamDatabaseAuthenticationEnabled", (value) => value === true, {
      pass: "IAM database authentication is enabled",
      fail: () => "IAM database authentication is disabled",
      expected: true,
    });
  },
});
