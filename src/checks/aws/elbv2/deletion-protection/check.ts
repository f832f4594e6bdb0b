import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.elbv2.deletion-protection",
  title: "Load balancer has deletion protection",
  description:
    "Deleting a load balancer takes the service behind it offline and frees its DNS name; deletion protection makes that a deliberate two-step act.",
  severity: "low",
  resourceTypes: ["aws.elbv2.load-balancer"],
  remediation: "Turn on deletion protection (`enable_deletion_protection = true`).",
  references: [
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection",
  ],
  fixes: {
    terraform: 'resource "aws_lb" "example" {\n  enable_deletion_protection = true\n}',
    cloudformation:
      'Type: AWS::ElasticLoadBalancingV2::LoadBalancer\nProperties:\n  LoadBalancerAttributes:\n    - Key: deletion_protection.enabled\n      Value: "true"',
  },
  evaluate(resource) {
    const { deletionProtection } = resource.properties;
    if (isUnknown(deletionProtection))
      return notApplicable("whether deletion protection is on is not known", {
        path: "deletionProtection",
        actual: deletionProtection,
      });
    return deletionProtection === true
      ? pass("deletion protection is on", { path: "deletionProtection", actual: true })
      : fail("deletion protection is off", {
          path: "deletionProtection",
          actual: deletionProtection ?? null,
          expected: true,
        });
  },
});
