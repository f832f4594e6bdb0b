/**
 * CIS AWS Foundations v7.0.0 against moto: a deliberately misconfigured
 * account and a hardened one, built through the real AWS SDK, scanned by the
 * live AWS source, with the exact findings asserted per control. Each account
 * has its own moto_server.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadFrameworks } from "../src/compliance/index.js";
import type { Finding } from "../src/model/index.js";
import {
  buildHardened,
  buildMisconfigured,
  buildMisconfiguredOrganization,
  MOTO_ACCOUNT,
} from "./moto/accounts.js";
import { controlOutcome, scanMoto } from "./moto/scan.js";
import { type MotoServer, setMotoCredentials, startMoto } from "./moto/server.js";

const A = MOTO_ACCOUNT;
const ROOT = `arn:aws:iam::${A}:root`;
const PASSWORD_POLICY = `arn:aws:iam::${A}:account-password-policy`;
const settings = (r: string) => `arn:aws::${r}:${A}:region-settings`;
const BOTH = ["eu-west-1", "us-east-1"];
const perRegion = (status: string, id: (region: string) => string, suffix = "") =>
  BOTH.map((r) => `${status} ${id(r)}${suffix}`);
const ec2 = (kind: string) => (r: string) =>
  `arn:aws:ec2:${r}:${A}:${kind}/${kind === "instance" ? "i" : kind === "network-acl" ? "acl" : kind === "security-group" ? "sg" : kind === "route-table" ? "rtb" : kind}-*`;
/** us-east-1 holds a second VPC (peered with the default one), so its VPC-scoped lines come twice. */
const perVpc = (status: string, id: (region: string) => string, suffix = "") => [
  ...perRegion(status, id, suffix),
  `${status} ${id("us-east-1")}${suffix}`,
];
const ROUTE_TABLE = ec2("route-table")("us-east-1");

/** Random ids (sg-…, i-…, key UUIDs, access key ids) masked, so outcomes are stable across runs. */
function outcome(findings: readonly Finding[], control: string): string[] {
  return controlOutcome(findings, control)
    .map((line) =>
      line
        .replace(/\b(sg|acl|vpc|i|fs|vol|rtb|pcx)-[0-9a-f]{8,17}\b/g, "$1-*")
        // Member account ids of the moto organizations are random.
        .replace(new RegExp(`(:${A}:root) (?!${A})\\d{12}$`), "$1 MEMBER")
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "*")
        .replace(/\bAKIA[A-Z0-9]{16}\b/g, "AKIA*"),
    )
    .sort();
}

const sorted = (lines: string[]) => [...lines].sort();

/** Controls with the same outcome in both accounts because moto cannot express the fix. */
const MOTO_LIMITS: Record<string, (findings: readonly Finding[]) => void> = {
  // moto reports AccountMFAEnabled 0 for root and cannot enable it.
  "2.5": (f) => assert.deepEqual(outcome(f, "2.5"), [`fail ${ROOT}`]),
  "2.6": (f) => assert.deepEqual(outcome(f, "2.6"), [`fail ${ROOT}`]),
  // moto has no Access Analyzer API: error, never pass.
  "2.18": (f) => assert.deepEqual(outcome(f, "2.18"), perRegion("error", settings)),
  // moto has neither IAM ListOrganizationsFeatures nor Organizations DescribeResourcePolicy.
  "2.1.1": (f) => assert.deepEqual(outcome(f, "2.1.1"), [`error ${ROOT}`]),
  "2.1.5": (f) => assert.deepEqual(outcome(f, "2.1.5"), [`error ${ROOT}`]),
  // moto never records a root sign-in or root key use; the fixtures cover the failing side.
  "2.7": (f) => assert.deepEqual(outcome(f, "2.7"), [`pass ${ROOT}`]),
  // No ELB, CloudFront or API Gateway resources in either account: nothing to decide.
  "4.10": (f) => assert.deepEqual(outcome(f, "4.10"), []),
};

/** The errors moto causes, by the call that failed. */
const MOTO_ERRORS =
  /(access-analyzer:ListAnalyzers|iam:ListOrganizationsFeatures|organizations:DescribeResourcePolicy) failed: NotImplemented|macie2:GetMacieSession failed: TypeError/;

describe("CIS AWS v7.0.0 on moto", () => {
  let bad: MotoServer;
  let good: MotoServer;
  let badFindings: Finding[];
  let goodFindings: Finding[];

  before(async () => {
    setMotoCredentials();
    [bad, good] = await Promise.all([startMoto(), startMoto()]);
    await Promise.all([
      buildMisconfigured(bad.endpoint).then(() => buildMisconfiguredOrganization(bad.endpoint)),
      buildHardened(good.endpoint),
    ]);
    const [b, g] = await Promise.all([scanMoto(bad.endpoint), scanMoto(good.endpoint)]);
    badFindings = b.allFindings;
    goodFindings = g.allFindings;
  });
  after(async () => {
    await Promise.all([bad?.stop(), good?.stop()]);
  });

  it("misconfigured account: exact findings per control", () => {
    const expected: Record<string, string[]> = {
      // The member account has no guardrail; GuardDuty is trusted without a delegated administrator.
      "2.1.2": [`fail ${ROOT} MEMBER`],
      "2.1.6": [`fail ${ROOT} guardduty.amazonaws.com`],
      "2.3": [`fail ${ROOT}`],
      "2.4": [`pass ${ROOT}`],
      "2.8": [`fail ${PASSWORD_POLICY}`],
      "2.9": [`fail ${PASSWORD_POLICY}`],
      "2.10": [`fail arn:aws:iam::${A}:user/alice`],
      // Credentials just created are neither stale nor old; fixtures cover the failing side.
      "2.11": [`pass arn:aws:iam::${A}:user/alice AKIA*`, `pass arn:aws:iam::${A}:user/alice password`],
      "2.12": [`pass arn:aws:iam::${A}:user/alice AKIA*`],
      "2.13": [`fail arn:aws:iam::${A}:user/alice`],
      "2.14": [`fail arn:aws:iam::${A}:policy/admin-all`],
      "2.15": [`fail ${ROOT}`],
      "2.16": perRegion("fail", ec2("instance")),
      "2.17": [],
      "2.19": [`fail ${ROOT}`],
      "2.20": [`fail ${ROOT}`],
      // public-data's statement 0 allows anyone; KMS keys keep their default policy.
      "2.21": [
        `fail arn:aws:s3:::public-data 0`,
        `pass arn:aws:s3:::trail-logs-open`,
        ...perRegion("pass", (r) => `arn:aws:kms:${r}:${A}:key/*`),
      ],
      "3.1.1": [`fail arn:aws:s3:::public-data`, `fail arn:aws:s3:::trail-logs-open`],
      "3.1.2": [`fail arn:aws:s3:::public-data`, `fail arn:aws:s3:::trail-logs-open`],
      "3.1.3": perRegion("fail", settings),
      "3.1.4": [`fail arn:aws:s3:::public-data`, `fail arn:aws:s3:::trail-logs-open`],
      "3.2.1": perRegion("fail", (r) => `arn:aws:rds:${r}:${A}:db:open-db-${r}`),
      "3.2.2": perRegion("fail", (r) => `arn:aws:rds:${r}:${A}:db:open-db-${r}`),
      "3.2.3": perRegion("fail", (r) => `arn:aws:rds:${r}:${A}:db:open-db-${r}`),
      "3.2.4": perRegion("fail", (r) => `arn:aws:rds:${r}:${A}:db:open-db-${r}`),
      "3.3.1": perRegion("fail", (r) => `arn:aws:elasticfilesystem:${r}:${A}:file-system/fs-*`),
      "4.1": [`fail ${ROOT}`],
      "4.2": [`fail arn:aws:cloudtrail:us-east-1:${A}:trail/basic`],
      "4.3": perRegion("fail", settings),
      "4.4": [`fail arn:aws:cloudtrail:us-east-1:${A}:trail/basic`],
      "4.5": [`fail arn:aws:cloudtrail:us-east-1:${A}:trail/basic`],
      "4.6": perRegion("fail", (r) => `arn:aws:kms:${r}:${A}:key/*`),
      "4.7": perVpc("fail", ec2("vpc")),
      "4.8": [`fail ${ROOT}`],
      "4.9": [`fail ${ROOT}`],
      "5.16": perRegion("fail", settings),
      "6.1.1": perRegion("fail", settings),
      "6.1.2": [
        ...perRegion("fail", ec2("security-group"), " ingress:tcp:445-445:0.0.0.0/0"),
        ...perVpc("pass", ec2("security-group")),
      ],
      "6.2": [
        ...perVpc("fail", ec2("network-acl"), " 22:0.0.0.0/0"),
        ...perVpc("fail", ec2("network-acl"), " 3389:0.0.0.0/0"),
      ],
      "6.3": [
        ...perRegion("fail", ec2("security-group"), " ingress:tcp:22-22:0.0.0.0/0"),
        ...perVpc("pass", ec2("security-group")),
      ],
      "6.4": [
        ...perRegion("fail", ec2("security-group"), " ingress:tcp:3389-3389:::/0"),
        ...perVpc("pass", ec2("security-group")),
      ],
      "6.5": perVpc("fail", ec2("security-group")),
      // The peer VPC sends everything through the peering; the default VPC routes only to the peer.
      "6.6": [`fail ${ROUTE_TABLE} pcx-* 0.0.0.0/0`, `pass ${ROUTE_TABLE} pcx-* 10.1.0.0/16`],
      "6.7": perRegion("fail", ec2("instance")),
      "6.8": perVpc("fail", ec2("vpc")),
    };
    for (let n = 1; n <= 15; n++) expected[`5.${n}`] = [`fail ${ROOT}`];
    for (const [control, lines] of Object.entries(expected))
      assert.deepEqual(outcome(badFindings, control), sorted(lines), `control ${control}`);
    for (const check of Object.values(MOTO_LIMITS)) check(badFindings);
    assertEveryAutomatedControlCovered(expected);
  });

  it("hardened account: every control passes except where moto cannot express the fix", () => {
    const expected: Record<string, string[]> = {
      "2.1.2": [`pass ${ROOT} MEMBER`],
      "2.1.6": [`pass ${ROOT} guardduty.amazonaws.com`],
      "2.3": [`pass ${ROOT}`],
      "2.4": [`pass ${ROOT}`],
      "2.8": [`pass ${PASSWORD_POLICY}`],
      "2.9": [`pass ${PASSWORD_POLICY}`],
      "2.10": [`pass arn:aws:iam::${A}:user/carol`],
      "2.11": [`pass arn:aws:iam::${A}:user/carol password`],
      // carol has no access key: nothing to rotate (not applicable).
      "2.12": [],
      "2.13": [`pass arn:aws:iam::${A}:user/carol`],
      "2.14": [`pass arn:aws:iam::${A}:policy/reports-read`],
      "2.15": [`pass ${ROOT}`],
      "2.16": perRegion("pass", ec2("instance")),
      "2.17": [],
      "2.19": [`pass ${ROOT}`],
      "2.20": [`pass ${ROOT}`],
      // The trail's key, a data key per region and moto's EBS default key per region, all with
      // their default policy; the alarm topic keeps SNS's default policy (limited by AWS:SourceOwner).
      "2.21": [
        ...["access-logs", "app-data", "trail-logs"].map((b) => `pass arn:aws:s3:::${b}`),
        `pass arn:aws:sns:us-east-1:${A}:security-alarms`,
        ...perRegion("pass", (r) => `arn:aws:kms:${r}:${A}:key/*`),
        ...perRegion("pass", (r) => `arn:aws:kms:${r}:${A}:key/*`),
        `pass arn:aws:kms:us-east-1:${A}:key/*`,
      ],
      "3.1.1": ["access-logs", "app-data", "trail-logs"].map((b) => `pass arn:aws:s3:::${b}`),
      // moto accepts MFA Delete on PutBucketVersioning but does not record it.
      "3.1.2": ["access-logs", "app-data", "trail-logs"].map((b) => `fail arn:aws:s3:::${b}`),
      // moto answers GetMacieSession with a createdAt without time zone, which the SDK refuses.
      "3.1.3": perRegion("error", settings),
      "3.1.4": ["access-logs", "app-data", "trail-logs"].map((b) => `pass arn:aws:s3:::${b}`),
      "3.2.1": perRegion("pass", (r) => `arn:aws:rds:${r}:${A}:db:private-db-${r}`),
      "3.2.2": perRegion("pass", (r) => `arn:aws:rds:${r}:${A}:db:private-db-${r}`),
      "3.2.3": perRegion("pass", (r) => `arn:aws:rds:${r}:${A}:db:private-db-${r}`),
      "3.2.4": perRegion("pass", (r) => `arn:aws:rds:${r}:${A}:db:private-db-${r}`),
      "3.3.1": perRegion("pass", (r) => `arn:aws:elasticfilesystem:${r}:${A}:file-system/fs-*`),
      "4.1": [`pass ${ROOT}`],
      "4.2": [`pass arn:aws:cloudtrail:us-east-1:${A}:trail/org-trail`],
      "4.3": perRegion("pass", settings),
      "4.4": [`pass arn:aws:cloudtrail:us-east-1:${A}:trail/org-trail`],
      "4.5": [`pass arn:aws:cloudtrail:us-east-1:${A}:trail/org-trail`],
      // The trail's key in us-east-1 and a data key per region; moto's alias/aws/ebs keys are AWS-managed.
      "4.6": [
        ...perRegion("pass", (r) => `arn:aws:kms:${r}:${A}:key/*`),
        `pass arn:aws:kms:us-east-1:${A}:key/*`,
      ],
      "4.7": perVpc("pass", ec2("vpc")),
      "4.8": [`pass ${ROOT}`],
      "4.9": [`pass ${ROOT}`],
      "5.16": perRegion("pass", settings),
      "6.1.1": perRegion("pass", settings),
      "6.1.2": [...perVpc("pass", ec2("security-group")), ...perRegion("pass", ec2("security-group"))],
      "6.2": perVpc("pass", ec2("network-acl")),
      "6.3": [...perVpc("pass", ec2("security-group")), ...perRegion("pass", ec2("security-group"))],
      "6.4": [...perVpc("pass", ec2("security-group")), ...perRegion("pass", ec2("security-group"))],
      "6.5": perVpc("pass", ec2("security-group")),
      "6.6": [`pass ${ROUTE_TABLE} pcx-* 10.1.1.0/24`, `pass ${ROUTE_TABLE} pcx-* 172.31.0.0/20`],
      "6.7": perRegion("pass", ec2("instance")),
      "6.8": perVpc("pass", ec2("vpc")),
    };
    for (let n = 1; n <= 15; n++) expected[`5.${n}`] = [`pass ${ROOT}`];
    for (const [control, lines] of Object.entries(expected))
      assert.deepEqual(outcome(goodFindings, control), sorted(lines), `control ${control}`);
    for (const check of Object.values(MOTO_LIMITS)) check(goodFindings);
    assertEveryAutomatedControlCovered(expected);
  });

  it("reports a missing API as an error naming the call, never as a pass", () => {
    for (const findings of [badFindings, goodFindings]) {
      const errors = findings.filter((f) => f.status === "error");
      assert.ok(errors.length > 0);
      for (const f of errors) assert.match(f.message, MOTO_ERRORS);
    }
    for (const check of [
      "aws.accessanalyzer.enabled",
      "aws.organizations.centralized-root-access",
      "aws.organizations.delegated-policy-admin",
    ])
      assert.ok(![...badFindings, ...goodFindings].some((f) => f.checkId === check && f.status === "pass"));
  });

  it("names CIS v7.0.0 controls and ARNs on every finding", () => {
    for (const f of [...badFindings, ...goodFindings]) {
      assert.match(f.resource.id, /^arn:aws:/);
      assert.equal(f.resource.account, A);
    }
    const root = badFindings.find((f) => f.checkId === "aws.iam.root-mfa");
    assert.deepEqual(root?.compliance, [{ framework: "cis-aws", version: "7.0.0", control: "2.5" }]);
  });
});

/** The test states an outcome for every automated control of the framework. */
function assertEveryAutomatedControlCovered(expected: Record<string, string[]>): void {
  const cis = loadFrameworks().find((f) => f.id === "cis-aws-7.0.0");
  assert.ok(cis);
  const stated = new Set([...Object.keys(expected), ...Object.keys(MOTO_LIMITS)]);
  const missing = cis.controls.filter((c) => c.automated && !stated.has(c.id)).map((c) => c.id);
  assert.deepEqual(missing, []);
}
