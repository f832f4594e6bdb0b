import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.apigateway.execution-logging",
  title: "API Gateway stage logs method execution",
  description:
    "Execution logs show authorizer decisions, integration errors and throttling for every method; with logging OFF failures and attacks against the backend go unseen.",
  severity: "low",
  resourceTypes: ["aws.apigateway.stage"],
  remediation:
    "Set the logging level of all methods (`*/*`) to ERROR or INFO in the stage's method settings.",
  references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html"],
  fixes: {
    terraform:
      'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.example.id\n  stage_name  = aws_api_gateway_stage.example.stage_name\n  method_path = "*/*"\n  settings {\n    logging_level = "ERROR"\n  }\n}',
    cloudformation:
      'Type: AWS::ApiGateway::Stage\nProperties:\n  MethodSettings:\n    - HttpMethod: "*"\n      ResourcePath: "/*"\n      LoggingLevel: ERROR',
  },
  evaluate(resource) {
    const { methodLogging } = resource.properties;
    if (isUnknown(methodLogging))
      return notApplicable("the logging level is not known", {
        path: "methodLogging",
        actual: methodLogging,
      });
    return methodLogging === "ERROR" || methodLogging === "INFO"
      ? pass(`methods log at level ${methodLogging}`, { path: "methodLogging", actual: methodLogging })
      : fail("method execution logging is off", {
          path: "methodLogging",
          actual: methodLogging ?? null,
          expected: "ERROR or INFO",
        });
  },
});
