import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.ec2.vpc-flow-logs",
  title: "VPC flow logging is enabled",
  description:
    "Flow logs record the traffic in a VPC, for investigation and anomaly detection (CIS AWS 4.7).",
  severity: "medium",
  resourceTypes: ["aws.ec2.vpc"],
  remediation:
    "Create a flow log for the VPC (at least REJECT traffic) to CloudWatch Logs or S3 (`aws_flow_log`).",

  evaluate(resource) {
    return expectValue(
      resource,
      "flowLogs",
      (value) =>
        Array.isArray(value) &&
        value.some(
          (log) =>
            typeof log === "object" &&
            log !== null &&
            (log as { flowLogStatus?: unknown }).flowLogStatus !== "FAILED",
        ),
      {
        pass: "the VPC has a flow log",
        fail: () => "the VPC has no flow log",
        expected: "at least one active flow log",
      },
    );
  },
});
