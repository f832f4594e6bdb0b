import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.ec2.snapshot-not-public",
  title: "EBS snapshot is not public",
  description:
    "A snapshot whose createVolumePermission holds the group `all` lets any AWS account create a volume from it and read every block of the disk.",
  severity: "critical",
  resourceTypes: ["aws.ec2.snapshot"],
  remediation:
    "Remove `all` from the snapshot's create-volume permission (`aws ec2 modify-snapshot-attribute --snapshot-id ID --attribute createVolumePermission --operation-type remove --group-names all`), share with named accounts only, and turn on EBS block public access for snapshots in the region.",
  references: ["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html"],
  fixes: {
    terraform:
      'resource "aws_ebs_snapshot_block_public_access" "example" {\n  state = "block-all-sharing"\n}',
  },
  evaluate(resource) {
    return expectValue(resource, "public", (value) => value !== true, {
      pass: "the snapshot is not shared publicly",
      fail: () => "any AWS account can create a volume from the snapshot",
      expected: false,
    });
  },
});
