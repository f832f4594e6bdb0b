import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { publicStatements } from "../../sqs/public-policy.js";

export default defineCheck({
  id: "aws.opensearch.not-public",
  title: "OpenSearch domain is not open to anyone on the internet",
  description:
    "A domain outside a VPC whose access policy allows every principal without a limiting condition can be read, written and deleted by anyone who finds its endpoint.",
  severity: "critical",
  resourceTypes: ["aws.opensearch.domain"],
  remediation:
    "Place the domain in a VPC, or name the allowed accounts or roles in the access policy, or limit it with a condition such as aws:SourceIp.",
  references: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html"],
  fixes: {
    terraform:
      'resource "aws_opensearch_domain" "example" {\n  vpc_options {\n    subnet_ids         = [aws_subnet.private.id]\n    security_group_ids = [aws_security_group.search.id]\n  }\n}',
    cloudformation:
      "Type: AWS::OpenSearchService::Domain\nProperties:\n  VPCOptions:\n    SubnetIds: [!Ref PrivateSubnet]\n    SecurityGroupIds: [!Ref SearchSecurityGroup]",
  },
  evaluate(resource) {
    const { vpcOptions, accessPolicies } = resource.properties;
    if (isUnknown(vpcOptions))
      return notApplicable("whether the domain is in a VPC is not known", {
        path: "vpcOptions",
        actual: vpcOptions,
      });
    // Inside a VPC the endpoint is reachable only through the VPC's network controls.
    if (vpcOptions !== null && vpcOptions !== undefined)
      return pass("the domain is in a VPC", { path: "vpcOptions" });
    if (isUnknown(accessPolicies))
      return notApplicable("the access policy is not known", {
        path: "accessPolicies",
        actual: accessPolicies,
      });
    if (accessPolicies === null || accessPolicies === undefined)
      return pass("the domain has no access policy", { path: "accessPolicies", actual: null });
    const open = publicStatements(accessPolicies);
    if (open.length === 0) return pass("no statement allows anyone", { path: "accessPolicies" });
    return open.map(({ index, statement }) =>
      fail(
        `public domain: statement ${statement.Sid ?? index} allows every principal without a limiting condition`,
        {
          path: `accessPolicies.Statement[${index}]`,
          actual: statement.Principal,
          expected: "a VPC, a named principal or a limiting condition",
        },
        String(statement.Sid ?? index),
      ),
    );
  },
});
