import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.apigateway.access-logging",
  title: "API Gateway stage writes access logs",
  description:
    "Access logs record who called which method of an API and with what result; without them abuse of a public API cannot be investigated.",
  severity: "medium",
  resourceTypes: ["aws.apigateway.stage"],
  remediation:
    "Send the stage's access logs to a CloudWatch Logs group or Firehose stream (`access_log_settings`).",
  references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html"],
  fixes: {
    terraform:
      'resource "aws_api_gateway_stage" "example" {\n  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.api.arn\n    format          = jsonencode({ requestId = "$context.requestId", status = "$context.status" })\n  }\n}',
    cloudformation:
      'Type: AWS::ApiGateway::Stage\nProperties:\n  AccessLogSetting:\n    DestinationArn: !GetAtt ApiLogs.Arn\n    Format: \'{"requestId":"$context.requestId","status":"$context.status"}\'',
  },
  evaluate(resource) {
    const { accessLogDestination } = resource.properties;
    if (isUnknown(accessLogDestination))
      return notApplicable("the access log destination is not known", {
        path: "accessLogDestination",
        actual: accessLogDestination,
      });
    return typeof accessLogDestination === "string" && accessLogDestination !== ""
      ? pass("access logs go to a destination", {
          path: "accessLogDestination",
          actual: accessLogDestination,
        })
      : fail("the stage writes no access logs", {
          path: "accessLogDestination",
          actual: null,
          expected: "a log destination",
        });
  },
});
