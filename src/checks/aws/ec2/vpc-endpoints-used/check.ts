import { defineCheck, fail, pass } from "../../../check.js";
import { isRecord, listAt, unknownResult } from "../../shared/read.js";

/** Endpoint states that carry (or are about to carry) traffic. */
const LIVE = new Set(["available", "pending", "pendingacceptance"]);

export default defineCheck({
  id: "aws.ec2.vpc-endpoints-used",
  title: "The VPC reaches AWS services through VPC endpoints",
  description:
    "Without a gateway or interface endpoint, traffic from the VPC to S3, DynamoDB or other AWS APIs leaves through an internet or NAT gateway, outside the reach of endpoint policies (CIS AWS 6.8).",
  severity: "low",
  resourceTypes: ["aws.ec2.vpc"],
  remediation:
    "Create gateway endpoints for S3 and DynamoDB and interface endpoints for the AWS services the VPC's workloads call (`aws ec2 create-vpc-endpoint`).",
  references: ["https://docs.aws.amazon.com/vpc/latest/privatelink/what-is-privatelink.html"],
  evaluate(resource) {
    const endpoints = listAt(resource, "vpcEndpoints");
    if (!Array.isArray(endpoints))
      return unknownResult("vpcEndpoints", endpoints.unknown, "the VPC's endpoints");
    if (resource.properties.vpcEndpoints === undefined)
      return unknownResult("vpcEndpoints", null, "the VPC's endpoints");
    const live = endpoints.filter(
      (e) => isRecord(e) && LIVE.has(String(e.state ?? "available").toLowerCase()),
    );
    return live.length > 0
      ? pass(`${live.length} VPC endpoint(s)`, {
          path: "vpcEndpoints",
          actual: live.map((e) => (isRecord(e) ? e.serviceName : e)),
        })
      : fail("the VPC has no VPC endpoint", {
          path: "vpcEndpoints",
          actual: endpoints,
          expected: "at least one VPC endpoint",
        });
  },
});
