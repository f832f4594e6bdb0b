import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.apigateway.method-authorization",
  title: "API Gateway method requires authorisation or an API key",
  description:
    "A REST API method with authorization NONE and no API key can be called by anyone who knows the URL, reaching the backend without any identity. CORS preflight (OPTIONS) methods are exempt: browsers send them without credentials.",
  severity: "medium",
  resourceTypes: ["aws.apigateway.method"],
  remediation:
    "Protect the method with IAM, a Cognito user pool or a Lambda authorizer (`authorization`), or at least require an API key (`api_key_required = true`).",
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
  ],
  fixes: {
    terraform:
      'resource "aws_api_gateway_method" "example" {\n  authorization = "AWS_IAM"\n  # or: authorization = "COGNITO_USER_POOLS", authorizer_id = aws_api_gateway_authorizer.example.id\n}',
    cloudformation:
      "Type: AWS::ApiGateway::Method\nProperties:\n  AuthorizationType: AWS_IAM\n  # or: AuthorizationType: COGNITO_USER_POOLS with AuthorizerId: !Ref Authorizer",
  },
  evaluate(resource) {
    const { httpMethod, authorizationType, apiKeyRequired } = resource.properties;
    if (isUnknown(httpMethod))
      return notApplicable("the HTTP method is not known", { path: "httpMethod", actual: httpMethod });
    if (String(httpMethod).toUpperCase() === "OPTIONS")
      return notApplicable("CORS preflight methods are called without credentials", { path: "httpMethod" });
    if (isUnknown(authorizationType))
      return notApplicable("the authorization type is not known", {
        path: "authorizationType",
        actual: authorizationType,
      });
    if (authorizationType !== "NONE")
      return pass(`the method uses ${String(authorizationType)} authorization`, {
        path: "authorizationType",
        actual: authorizationType,
      });
    if (isUnknown(apiKeyRequired))
      return notApplicable("whether an API key is required is not known", {
        path: "apiKeyRequired",
        actual: apiKeyRequired,
      });
    if (apiKeyRequired === true)
      return pass("the method requires an API key", { path: "apiKeyRequired", actual: true });
    return fail(`${String(httpMethod)} is open: authorization NONE and no API key`, {
      path: "authorizationType",
      actual: "NONE",
      expected: "AWS_IAM, COGNITO_USER_POOLS, CUSTOM or an API key",
    });
  },
});
