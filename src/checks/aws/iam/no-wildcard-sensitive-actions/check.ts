import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { actions, statements } from "../../../lib/aws-policy.js";

/** Services where a wildcard on every resource hands out control of identities, keys, data or compute. */
const SENSITIVE = new Set(["iam", "kms", "s3", "sts", "ec2", "secretsmanager", "ssm", "lambda"]);
/** Services where even a prefix wildcard (iam:Put*, kms:Create*) is too broad on "*". */
const PREFIX_SENSITIVE = new Set(["iam", "kms", "sts"]);

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The action wildcards of a statement that reach a sensitive service (lower-cased). */
function sensitiveWildcards(action: string[]): string[] {
  return action.filter((a) => {
    const [service, name] = a.split(":", 2);
    if (service === undefined || name === undefined) return false;
    if (name === "*") return SENSITIVE.has(service);
    return name.endsWith("*") && PREFIX_SENSITIVE.has(service);
  });
}

export default defineCheck({
  id: "aws.iam.no-wildcard-sensitive-actions",
  title: "No IAM policy allows a sensitive service's wildcard actions on every resource",
  description:
    'A statement allowing e.g. "iam:*", "kms:*" or "sts:*" on Resource "*" lets its holders escalate privileges, read every secret or take over keys and data; scope actions and resources.',
  severity: "high",
  resourceTypes: ["aws.iam.policy", "aws.iam.role", "aws.iam.user", "aws.iam.group"],
  remediation:
    'List the specific actions needed and restrict Resource to the ARNs they apply to instead of a service wildcard on "*".',
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"],
  fixes: {
    terraform:
      'resource "aws_iam_policy" "example" {\n  name = "example"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::example-bucket/*" }]\n  })\n}',
    cloudformation:
      'Type: AWS::IAM::ManagedPolicy\nProperties:\n  PolicyDocument:\n    Version: "2012-10-17"\n    Statement:\n      - Effect: Allow\n        Action: [s3:GetObject]\n        Resource: arn:aws:s3:::example-bucket/*',
  },
  evaluate(resource) {
    const p = resource.properties;
    if (resource.type === "aws.iam.policy") {
      if (p.awsManaged === true)
        return notApplicable("AWS-managed policies are out of scope", { path: "awsManaged", actual: true });
      if (isUnknown(p.document))
        return notApplicable("the policy document is not known", { path: "document", actual: p.document });
      return verdict(wildcardStatements(p.document, "document"));
    }
    // Users, groups and roles: their inline policies (attached managed ones are aws.iam.policy resources).
    if (isUnknown(p.inlinePolicies))
      return notApplicable("the inline policies are not known", {
        path: "inlinePolicies",
        actual: p.inlinePolicies,
      });
    const inline = Array.isArray(p.inlinePolicies) ? p.inlinePolicies : [];
    const results: CheckResult[] = [];
    inline.forEach((policy, i) => {
      const document = (policy as { policyDocument?: unknown } | null)?.policyDocument;
      if (isUnknown(document)) return;
      results.push(...wildcardStatements(document, `inlinePolicies[${i}].policyDocument`));
    });
    return verdict(results);
  },
});

/** One failure per Allow statement on "*" that grants a sensitive service wildcard. */
function wildcardStatements(document: unknown, path: string): CheckResult[] {
  const results: CheckResult[] = [];
  statements(document).forEach((s, index) => {
    if (s.Effect !== "Allow" || !list(s.Resource).some((r) => r === "*")) return;
    const wildcards = sensitiveWildcards(actions(s));
    if (wildcards.length === 0) return;
    results.push(
      fail(
        `${path}.Statement[${index}] allows ${wildcards.join(", ")} on every resource`,
        { path: `${path}.Statement[${index}]`, actual: s, expected: "specific actions or resources" },
        `${path}.Statement[${index}]`,
      ),
    );
  });
  return results;
}

function verdict(results: CheckResult[]): CheckResult | CheckResult[] {
  return results.length > 0
    ? results
    : pass("no statement allows a sensitive service wildcard on every resource", {
        path: "document",
        actual: "no sensitive wildcard on *",
      });
}
