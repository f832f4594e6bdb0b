import { defineCheck } from "../../../check.js";
import { evaluateResourcePolicy } from "../../sqs/public-policy.js";

export default defineCheck({
  id: "aws.ecr.no-public-policy",
  title: "ECR repository policy does not allow anyone",
  description:
    "A repository policy that allows every principal without a limiting condition lets anyone on the internet pull, push or delete images.",
  severity: "high",
  resourceTypes: ["aws.ecr.repository"],
  remediation:
    "Name the accounts or roles in the Principal, or add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.",
  references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html"],
  fixes: {
    terraform:
      'resource "aws_ecr_repository_policy" "example" {\n  repository = aws_ecr_repository.example.name\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{\n    Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" },\n    Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]\n  }] })\n}',
    cloudformation:
      'Type: AWS::ECR::Repository\nProperties:\n  RepositoryPolicyText:\n    Statement:\n      - Effect: Allow\n        Principal: { AWS: "arn:aws:iam::111122223333:root" }\n        Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]',
  },
  evaluate: (resource) => evaluateResourcePolicy(resource, "repository"),
});
