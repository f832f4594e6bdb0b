import { defineCheck, notApplicable } from "../../../check.js";
import { evaluateResourcePolicy } from "../../sqs/public-policy.js";

export default defineCheck({
  id: "aws.lambda.no-public-policy",
  title: "Lambda function policy does not allow anyone",
  description:
    "A function policy that allows every principal without a limiting condition lets anyone invoke the function (or change it, depending on the actions granted).",
  severity: "high",
  resourceTypes: ["aws.lambda.function"],
  remediation:
    'Remove the permission for principal "*", or name the service with a condition such as aws:SourceArn or aws:SourceAccount (lambda add-permission --source-arn / --source-account).',
  references: ["https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html"],
  fixes: {
    terraform:
      'resource "aws_lambda_permission" "example" {\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.example.function_name\n  principal     = "s3.amazonaws.com"\n  source_arn    = aws_s3_bucket.example.arn\n}',
    cloudformation:
      "Type: AWS::Lambda::Permission\nProperties:\n  Action: lambda:InvokeFunction\n  FunctionName: !Ref Function\n  Principal: s3.amazonaws.com\n  SourceArn: !GetAtt Bucket.Arn",
  },
  evaluate: (resource) =>
    // IaC mappers keep permissions (aws_lambda_permission) apart from the function, so a function
    // without the property is not known to be closed; only the live source reads its policy.
    "policy" in resource.properties
      ? evaluateResourcePolicy(resource, "function")
      : notApplicable("the function policy is not read from this source", { path: "policy", actual: null }),
});
