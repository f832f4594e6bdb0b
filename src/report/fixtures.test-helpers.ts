/**
 * Scan reports for the report-writer tests, built from the model types.
 * Test-only; nothing outside src/report/*.test.ts imports it.
 */
import {
  FINDING_STATUSES,
  type Finding,
  fingerprint,
  type ResourceRef,
  type RuleInfo,
  type ScanError,
  type ScanReport,
  SEVERITIES,
  unknown,
} from "../model/index.js";

export const S3_PUBLIC: RuleInfo = {
  id: "aws.s3.block-public-access",
  title: "S3 bucket blocks public access",
  description: "All four S3 Block Public Access settings are on for the bucket.",
  severity: "high",
  remediation: "Turn on all four Block Public Access settings for the bucket.",
  resourceTypes: ["aws.s3.bucket"],
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
  ],
};

export const SG_ADMIN: RuleInfo = {
  id: "aws.ec2.security-group-admin-ports-ipv4",
  title: "Security groups do not open admin ports to 0.0.0.0/0",
  description: "No ingress rule allows SSH or RDP from anywhere.",
  severity: "critical",
  remediation: "Restrict the rule to known address ranges or use Session Manager.",
  resourceTypes: ["aws.ec2.security-group"],
};

export const S3_VERSIONING: RuleInfo = {
  id: "aws.s3.versioning-enabled",
  title: "S3 bucket has versioning",
  description: "Versioning is enabled so that objects can be recovered.",
  severity: "medium",
  remediation: "Enable versioning on the bucket.",
  resourceTypes: ["aws.s3.bucket"],
};

export const CIS = { framework: "cis-aws", version: "7.0.0" } as const;

const iacBucket: ResourceRef = {
  id: "infra/main.tf#aws_s3_bucket.logs",
  type: "aws.s3.bucket",
  name: "aws_s3_bucket.logs",
  provider: "aws",
};
const iacGroup: ResourceRef = {
  id: "infra/network/sg.tf#aws_security_group.admin",
  type: "aws.ec2.security-group",
  name: "aws_security_group.admin",
  provider: "aws",
};
const liveBucket: ResourceRef = {
  id: "arn:aws:s3:::acme-public-assets",
  type: "aws.s3.bucket",
  name: "acme-public-assets",
  provider: "aws",
  account: "123456789012",
  region: "us-east-1",
};
const liveGroup: ResourceRef = {
  id: "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
  type: "aws.ec2.security-group",
  name: "sg-0abc",
  provider: "aws",
  account: "123456789012",
  region: "eu-west-1",
};

/** A finding for `rule` on `resource`; the fingerprint is the real one. */
export function makeFinding(
  rule: RuleInfo,
  resource: ResourceRef,
  fields: Partial<Omit<Finding, "checkId" | "resource" | "fingerprint">> = {},
): Finding {
  const finding: Finding = {
    checkId: rule.id,
    title: rule.title,
    status: "fail",
    severity: rule.severity,
    message: `${rule.title}: no`,
    resource,
    compliance: [],
    remediation: rule.remediation,
    fingerprint: fingerprint(rule.id, resource, fields.key),
    ...fields,
  };
  return finding;
}

/** A report around `findings`, with a summary counted from them. */
export function makeReport(
  findings: Finding[],
  rules: RuleInfo[],
  errors: ScanError[] = [],
  extra: Partial<ScanReport> = {},
): ScanReport {
  const byStatus = Object.fromEntries(
    FINDING_STATUSES.map((s) => [s, 0]),
  ) as ScanReport["summary"]["byStatus"];
  const failedBySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, 0]),
  ) as ScanReport["summary"]["failedBySeverity"];
  let muted = 0;
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.muted) muted++;
    else if (f.status === "fail") failedBySeverity[f.severity]++;
  }
  return {
    tool: { name: "mamori", version: "0.1.0" },
    scanId: "c0ffee00-1234-4abc-8def-0123456789ab",
    startedAt: "2025-01-02T03:04:05.000Z",
    target: "infra/",
    findings,
    errors,
    summary: {
      resources: 7,
      checks: 12,
      byStatus,
      failedBySeverity,
      muted,
      errors: errors.length,
      durationMs: 1234,
    },
    rules,
    ...extra,
  };
}

/** Terraform findings: file locations, compliance, an unknown value, a muted one and hostile text. */
export function iacReport(): ScanReport {
  const findings = [
    makeFinding(S3_PUBLIC, iacBucket, {
      message: "Bucket aws_s3_bucket.logs does not block public ACLs",
      location: { file: "infra/main.tf", startLine: 12, endLine: 20 },
      compliance: [
        { ...CIS, control: "2.1.4" },
        { framework: "pci-dss", version: "4.0", control: "1.2.1" },
      ],
      evidence: { path: "publicAccessBlock.blockPublicAcls", actual: false, expected: true },
    }),
    makeFinding(SG_ADMIN, iacGroup, {
      key: "ingress[0]",
      message: "Ingress rule 0 opens port 22 to 0.0.0.0/0",
      location: { file: "infra/network/sg.tf", startLine: 5, endLine: 5 },
      compliance: [{ ...CIS, control: "6.3" }],
      evidence: { path: "ingress[0].cidrBlocks", actual: ["0.0.0.0/0"], expected: "no 0.0.0.0/0" },
    }),
    makeFinding(S3_VERSIONING, iacBucket, {
      status: "not_applicable",
      message: "cannot decide: versioning is off, but the value is unknown at scan time",
      location: { file: "infra/main.tf", startLine: 14, endLine: 14 },
      evidence: {
        path: "versioning.enabled",
        actual: unknown("var.versioning has no value"),
        expected: true,
      },
    }),
    makeFinding(
      S3_VERSIONING,
      { ...iacBucket, id: "infra/main.tf#aws_s3_bucket.tmp", name: "aws_s3_bucket.tmp" },
      {
        message: "Versioning is off",
        location: { file: "infra/main.tf", startLine: 30, endLine: 33 },
        evidence: { path: "versioning.enabled", actual: false, expected: true },
        muted: { reason: "scratch bucket, recreated daily", owner: "platform-team", expiresAt: "2025-12-31" },
      },
    ),
  ];
  return makeReport(
    findings,
    [S3_PUBLIC, SG_ADMIN, S3_VERSIONING],
    [{ source: "infra/broken.tf", message: "unexpected token '}'", line: 3, column: 7 }],
  );
}

/** Live AWS findings: no file, ARNs, account and region; an error finding and a scan error without a line. */
export function liveReport(): ScanReport {
  const findings = [
    makeFinding(S3_PUBLIC, liveBucket, {
      message: "Bucket acme-public-assets allows public ACLs",
      compliance: [{ ...CIS, control: "2.1.4" }],
      evidence: { path: "publicAccessBlock", actual: null, expected: "all four settings true" },
    }),
    makeFinding(SG_ADMIN, liveGroup, {
      key: "ipPermissions[1]",
      message: "Rule 1 opens 3389 to 0.0.0.0/0",
      evidence: { path: "ipPermissions[1]", actual: { fromPort: 3389, toPort: 3389, cidr: "0.0.0.0/0" } },
    }),
    makeFinding(S3_VERSIONING, liveBucket, {
      status: "error",
      message: "check failed to evaluate: cannot read properties of undefined",
    }),
  ];
  return makeReport(
    findings,
    [S3_PUBLIC, SG_ADMIN, S3_VERSIONING],
    [{ source: "aws/iam", message: "AccessDenied: iam:ListRoles" }],
    { target: "aws:123456789012", scanId: "scan-2025-01-02" },
  );
}

/** Passed findings included, as when the user asked for them. */
export function withPassesReport(): ScanReport {
  const report = liveReport();
  report.findings.push(
    makeFinding(
      S3_VERSIONING,
      { ...liveBucket, id: "arn:aws:s3:::acme-backups", name: "acme-backups" },
      {
        status: "pass",
        message: "Versioning is enabled",
      },
    ),
  );
  return makeReport(report.findings, report.rules, report.errors);
}

/** Nothing failed. */
export function emptyReport(): ScanReport {
  return makeReport([], []);
}

/** Text a hostile file could put into a finding: markup, quotes, separators, control characters, formulas. */
export const HOSTILE = `=HYPERLINK("http://x.invalid/?a=1&b=2","<click>") ]]> it's, "quoted"\r\nline2\u0000\u001b[31mred\u0008`;

export function hostileReport(): ScanReport {
  const resource: ResourceRef = {
    id: "infra/evil.tf#aws_s3_bucket.evil",
    type: "aws.s3.bucket",
    name: "+cmd|' /C calc'!A0",
    provider: "aws",
    account: "@SUM(1+1)",
    region: "-2+3",
  };
  const finding = makeFinding(S3_PUBLIC, resource, {
    message: HOSTILE,
    title: "\tTitle with a leading tab",
    location: { file: 'infra/evil, "odd".tf', startLine: 1, endLine: 2 },
    compliance: [{ ...CIS, control: "2.1.4" }],
    evidence: { path: "acl", actual: "<public-read & more>", expected: "private" },
  });
  return makeReport([finding], [S3_PUBLIC]);
}
