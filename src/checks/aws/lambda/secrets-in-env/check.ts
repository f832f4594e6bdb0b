import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isLiteralSecretValue, looksLikeSecretName } from "../../../lib/secret-names.js";
import { isRecord } from "../../shared/read.js";

/** Values that point at a secret store (an ARN, a CloudFormation dynamic reference) rather than hold a secret. */
const isReference = (value: string): boolean =>
  /^arn:aws[\w-]*:/.test(value) || value.startsWith("{{resolve:");

export default defineCheck({
  id: "aws.lambda.secrets-in-env",
  title: "Lambda function takes no literal secret in its environment",
  description:
    "Environment variables are readable by anyone allowed lambda:GetFunctionConfiguration and sit in the template and its history; credentials belong in Secrets Manager or Parameter Store.",
  severity: "high",
  resourceTypes: ["aws.lambda.function"],
  remediation:
    "Store the value in Secrets Manager (or SSM Parameter Store SecureString) and read it at run time; pass only its ARN or name in the environment.",
  references: ["https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html"],
  fixes: {
    terraform:
      'resource "aws_lambda_function" "example" {\n  environment {\n    variables = {\n      DB_PASSWORD_SECRET_ARN = aws_secretsmanager_secret.db.arn\n    }\n  }\n}',
    cloudformation:
      "Type: AWS::Lambda::Function\nProperties:\n  Environment:\n    Variables:\n      DB_PASSWORD_SECRET_ARN: !Ref DbSecret",
  },
  evaluate(resource) {
    const variables = (resource.properties.environment as Record<string, unknown> | undefined)?.variables;
    if (isUnknown(variables))
      return notApplicable("the environment is not known", {
        path: "environment.variables",
        actual: variables,
      });
    if (!isRecord(variables) || Object.keys(variables).length === 0)
      return pass("the function has no environment variables", { path: "environment.variables" });
    const secrets = Object.entries(variables).filter(
      ([name, value]) =>
        looksLikeSecretName(name) &&
        typeof value === "string" &&
        isLiteralSecretValue(value) &&
        !isReference(value),
    );
    if (secrets.length === 0)
      return pass("no environment variable holds a literal secret", { path: "environment.variables" });
    return secrets.map(([name]) =>
      fail(
        `environment variable ${name} holds a literal value`,
        {
          path: `environment.variables.${name}`,
          actual: "(redacted)",
          expected: "a Secrets Manager or SSM reference",
        },
        name,
      ),
    );
  },
});
