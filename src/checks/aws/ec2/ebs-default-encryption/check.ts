import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.ec2.ebs-default-encryption",
  title: "EBS encryption by default is enabled in the region",
  description:
    "With encryption by default every new volume and snapshot copy is encrypted, whoever creates it (CIS AWS 6.1.1).",
  severity: "medium",
  resourceTypes: ["aws.region-settings"],
  remediation:
    "Enable EBS encryption by default in every region (`aws ec2 enable-ebs-encryption-by-default`, `aws_ebs_encryption_by_default`).",

  evaluate(resource) {
    return expectValue(resource, "ebsEncryptionByDefault", (value) => value === true, {
      pass: "EBS encryption by default is enabled",
      fail: () => "EBS encryption by default is disabled",
      expected: true,
    });
  },
});
