import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.lambda.public-url",
  title: "Lambda function URL requires IAM authentication",
  description:
    "A function URL with auth type NONE lets anyone on the internet invoke the function; only IAM-authenticated URLs limit who can call it.",
  severity: "high",
  resourceTypes: ["aws.lambda.function"],
  remediation:
    "Set the function URL's auth type to AWS_IAM, or remove the URL and put the function behind API Gateway with an authorizer.",
  references: ["https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"],
  fixes: {
    terraform:
      'resource "aws_lambda_function_url" "example" {\n  function_name      = aws_lambda_function.example.function_name\n  authorization_type = "AWS_IAM"\n}',
    cloudformation:
      "Type: AWS::Lambda::Url\nProperties:\n  TargetFunctionArn: !GetAtt Function.Arn\n  AuthType: AWS_IAM",
  },
  evaluate(resource) {
    const url = resource.properties.functionUrl;
    if (isUnknown(url))
      return notApplicable("the function URL is not known", { path: "functionUrl", actual: url });
    if (url === null || url === undefined || typeof url !== "object")
      return notApplicable("the function has no URL", { path: "functionUrl", actual: null });
    const authType = (url as Record<string, unknown>).authType;
    if (isUnknown(authType))
      return notApplicable("the URL's auth type is not known", {
        path: "functionUrl.authType",
        actual: authType,
      });
    return authType === "NONE"
      ? fail("the function URL needs no authentication", {
          path: "functionUrl.authType",
          actual: authType,
          expected: "AWS_IAM",
        })
      : pass(`the function URL uses ${String(authType)} authentication`, {
          path: "functionUrl.authType",
          actual: authType,
        });
  },
});
