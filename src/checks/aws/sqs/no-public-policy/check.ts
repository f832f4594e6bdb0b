import { defineCheck } from "../../../check.js";
import { evaluateResourcePolicy } from "../public-policy.js";

export default defineCheck({
  id: "aws.sqs.no-public-policy",
  title: "SQS queue policy does not allow anyone",
  description:
    "A queue policy that allows every principal without a limiting condition lets anyone on the internet send, read or delete messages.",
  severity: "high",
  resourceTypes: ["aws.sqs.queue"],
  remediation:
    "Name the accounts or roles in the Principal, or add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.",
  references: [
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html",
  ],
  fixes: {
    terraform:
      'resource "aws_sqs_queue_policy" "example" {\n  queue_url = aws_sqs_queue.example.id\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{\n    Effect = "Allow", Principal = { Service = "sns.amazonaws.com" }, Action = "sqs:SendMessage",\n    Resource = aws_sqs_queue.example.arn,\n    Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.example.arn } }\n  }] })\n}',
    cloudformation:
      'Type: AWS::SQS::QueuePolicy\nProperties:\n  Queues: [!Ref Queue]\n  PolicyDocument:\n    Statement:\n      - Effect: Allow\n        Principal: { Service: sns.amazonaws.com }\n        Action: sqs:SendMessage\n        Resource: !GetAtt Queue.Arn\n        Condition: { ArnEquals: { "aws:SourceArn": !Ref Topic } }',
  },
  evaluate: (resource) => evaluateResourcePolicy(resource, "queue"),
});
