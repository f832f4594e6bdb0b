import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.ecr.immutable-tags",
  title: "ECR repository tags are immutable",
  description:
    "With mutable tags a push can silently replace the image behind a tag that is already deployed or scanned.",
  severity: "low",
  resourceTypes: ["aws.ecr.repository"],
  remediation: 'Set the repository\'s tag mutability to IMMUTABLE (`image_tag_mutability = "IMMUTABLE"`).',
  references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html"],
  fixes: {
    terraform: 'resource "aws_ecr_repository" "example" {\n  image_tag_mutability = "IMMUTABLE"\n}',
    cloudformation: "Type: AWS::ECR::Repository\nProperties:\n  ImageTagMutability: IMMUTABLE",
  },
  evaluate(resource) {
    // IMMUTABLE_WITH_EXCLUSION keeps most tags immutable; the exclusions are a deliberate choice.
    return expectValue(
      resource,
      "imageTagMutability",
      (value) => value === "IMMUTABLE" || value === "IMMUTABLE_WITH_EXCLUSION",
      {
        pass: "tags are immutable",
        fail: (value) => `tag mutability is ${String(value)}`,
        expected: "IMMUTABLE",
      },
    );
  },
});
