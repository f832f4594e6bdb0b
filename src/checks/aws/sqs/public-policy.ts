/**
 * Resource policies (SQS queue, ECR repository) that grant access to anyone:
 * an Allow statement for every principal without a condition that pins the
 * caller to an account, organisation, source ARN, VPC or endpoint.
 */
import { isEveryone, type PolicyStatement, statements } from "../../lib/aws-policy.js";

const LIMITING_KEYS = new Set(
  [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOwner",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:PrincipalOrgID",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceIp",
  ].map((k) => k.toLowerCase()),
);

function isLimited(statement: PolicyStatement): boolean {
  return Object.values(statement.Condition ?? {}).some(
    (block) =>
      typeof block === "object" &&
      block !== null &&
      Object.keys(block).some((key) => LIMITING_KEYS.has(key.toLowerCase())),
  );
}

/** The statements of `policy` that allow anyone in, with their index. */
export function publicStatements(policy: unknown): { index: number; statement: PolicyStatement }[] {
  return statements(policy)
    .map((statement, index) => ({ index, statement }))
    .filter(
      ({ statement }) =>
        statement.Effect === "Allow" && isEveryone(statement.Principal) && !isLimited(statement),
    );
}
