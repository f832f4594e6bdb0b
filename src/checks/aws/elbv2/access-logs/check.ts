import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.elbv2.access-logs",
  title: "Load balancer writes access logs",
  description:
    "Access logs record every request a load balancer receives (client, path, status, TLS details); without them an incident cannot be traced back through the front door.",
  severity: "medium",
  resourceTypes: ["aws.elbv2.load-balancer"],
  remediation: "Enable access logs to an S3 bucket (`access_logs { enabled = true, bucket = ... }`).",
  references: [
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
  ],
  fixes: {
    terraform:
      'resource "aws_lb" "example" {\n  access_logs {\n    bucket  = aws_s3_bucket.lb_logs.id\n    enabled = true\n  }\n}',
    cloudformation:
      'Type: AWS::ElasticLoadBalancingV2::LoadBalancer\nProperties:\n  LoadBalancerAttributes:\n    - Key: access_logs.s3.enabled\n      Value: "true"\n    - Key: access_logs.s3.bucket\n      Value: my-lb-logs',
  },
  evaluate(resource) {
    const logs = resource.properties.accessLogs as { enabled?: unknown; bucket?: unknown } | undefined;
    const enabled = isUnknown(logs) ? logs : logs?.enabled;
    if (isUnknown(enabled))
      return notApplicable("whether access logs are on is not known", {
        path: "accessLogs.enabled",
        actual: enabled,
      });
    return enabled === true
      ? pass("access logs are written", { path: "accessLogs.enabled", actual: true })
      : fail("access logs are off", { path: "accessLogs.enabled", actual: enabled ?? null, expected: true });
  },
});
