/**
 * Resource policies (SQS queue, SNS topic, ECR repository, S3 bucket) that grant access to anyone:
 * an Allow statement for every principal without a condition that pins the
 * caller to an account, organisation, source ARN, VPC or endpoint.
 */
import { isUnknown, type Resource } from "../../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../../check.js";
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

/**
 * The verdict of a `no-public-policy` check on `resource.properties.policy`:
 * not applicable when unknown, a pass when absent or closed, one failure per
 * statement that allows anyone. `noun` names the resource ("queue", "bucket").
 */
export function evaluateResourcePolicy(resource: Resource, noun: string): CheckResult | CheckResult[] {
  const policy = resource.properties.policy;
  if (isUnknown(policy))
    return notApplicable(`the ${noun} policy is not known`, { path: "policy", actual: policy });
  if (policy === null || policy === undefined)
    return pass(`the ${noun} has no policy`, { path: "policy", actual: null });
  const open = publicStatements(policy);
  if (open.length === 0) return pass("no statement allows anyone", { path: "policy" });
  return open.map(({ index, statement }) =>
    fail(
      `statement ${statement.Sid ?? index} allows every principal without a limiting condition`,
      {
        path: `policy.Statement[${index}]`,
        actual: statement.Principal,
        expected: "a named principal or a limiting condition",
      },
      String(statement.Sid ?? index),
    ),
  );
}
