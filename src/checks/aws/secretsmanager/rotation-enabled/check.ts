import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.secretsmanager.rotation-enabled",
  title: "Secrets Manager secret rotates automatically",
  description:
    "Automatic rotation replaces the secret on a schedule, so a leaked value stops working without anyone having to notice the leak.",
  severity: "medium",
  resourceTypes: ["aws.secretsmanager.secret"],
  remediation:
    "Configure rotation for the secret with a rotation function or managed rotation (`aws_secretsmanager_secret_rotation`).",
  references: ["https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html"],
  fixes: {
    terraform:
      'resource "aws_secretsmanager_secret_rotation" "example" {\n  secret_id           = aws_secretsmanager_secret.example.id\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}',
    cloudformation:
      "Type: AWS::SecretsManager::RotationSchedule\nProperties:\n  SecretId: !Ref Secret\n  RotationLambdaARN: !GetAtt Rotate.Arn\n  RotationRules:\n    AutomaticallyAfterDays: 30",
  },
  evaluate(resource) {
    return expectValue(resource, "rotationEnabled", (value) => value === true, {
      pass: "automatic rotation is configured",
      fail: () => "automatic rotation is not configured",
      expected: true,
    });
  },
});
