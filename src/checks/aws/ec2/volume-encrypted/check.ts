import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.ec2.volume-encrypted",
  title: "EBS volume is encrypted",
  description:
    "An unencrypted volume keeps its data, and every snapshot taken of it, readable by anyone who gets a copy.",
  severity: "medium",
  resourceTypes: ["aws.ec2.volume"],
  remediation:
    "Create volumes encrypted (and turn on EBS encryption by default in every region); re-create existing ones from an encrypted snapshot copy.",
  references: ["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"],
  fixes: {
    terraform:
      'resource "aws_ebs_volume" "example" {\n  availability_zone = "eu-west-1a"\n  size              = 20\n  encrypted         = true\n}',
    cloudformation: "Type: AWS::EC2::Volume\nProperties:\n  Encrypted: true",
  },
  evaluate(resource) {
    const encrypted = resource.properties.encrypted;
    if (isUnknown(encrypted))
      return notApplicable("whether the volume is encrypted is not known", {
        path: "encrypted",
        actual: encrypted,
      });
    return encrypted === true
      ? pass("the volume is encrypted", { path: "encrypted", actual: true })
      : fail("the volume is not encrypted", {
          path: "encrypted",
          actual: encrypted ?? false,
          expected: true,
        });
  },
});
