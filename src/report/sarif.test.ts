import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import AjvDraft04 from "ajv-draft-04";
import type * as Sarif from "sarif";
import { securitySeverityScore } from "../model/index.js";
import {
  emptyReport,
  hostileReport,
  iacReport,
  liveReport,
  S3_PUBLIC,
  S3_VERSIONING,
  SG_ADMIN,
  withPassesReport,
} from "./fixtures.test-helpers.js";
import { renderReport } from "./index.js";
import { artifactLocation, ruleName, sarifLevel } from "./sarif.js";

const require = createRequire(import.meta.url);
const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const sarifSchema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;

// The official schema uses three formats; check them for real rather than ignoring them.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
// ajv-draft-04 is CommonJS; under NodeNext its default import is module.exports, whose .default is the class.
const Ajv = AjvDraft04.default;
// unicodeRegExp: false because the schema's `language` pattern is not valid with the `u` flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
ajv.addFormat("uri-reference", (value: string) => URI_CHARS.test(value));
ajv.addFormat("uri", (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URI_CHARS.test(value));
ajv.addFormat("date-time", (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value),
);
const validate = ajv.compile(sarifSchema);

const fixtures = { iacReport, liveReport, withPassesReport, emptyReport, hostileReport };

function sarif(report: Parameters<typeof renderReport>[0], sourceRoot?: string): Sarif.Log {
  return JSON.parse(
    renderReport(report, "sarif", sourceRoot === undefined ? {} : { sourceRoot }),
  ) as Sarif.Log;
}

function firstRun(log: Sarif.Log): Sarif.Run {
  const run = log.runs[0];
  assert.ok(run);
  return run;
}

describe("sarif report", () => {
  for (const [name, make] of Object.entries(fixtures)) {
    it(`validates against the official SARIF 2.1.0 schema: ${name}`, () => {
      const log = sarif(make());
      assert.equal(validate(log), true, ajv.errorsText(validate.errors));
    });

    it(`meets GitHub's ingestion rules: ${name}`, () => {
      const log = sarif(make());
      assert.equal(log.version, "2.1.0");
      assert.equal(log.runs.length, 1);
      const run = firstRun(log);
      const rules = run.tool.driver.rules ?? [];
      for (const result of run.results ?? []) {
        // GitHub rejects the whole file when a result has no artifact URI.
        const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
        assert.ok(typeof uri === "string" && uri.length > 0, `result ${result.ruleId} has no artifact uri`);
        assert.ok(!uri.includes("\\"), "uri uses forward slashes");
        assert.equal(rules[result.ruleIndex ?? -1]?.id, result.ruleId, "ruleIndex points at the rule");
        assert.ok(result.partialFingerprints?.["mamori/v1"], "has a partial fingerprint");
      }
      for (const rule of rules) {
        assert.match(String(rule.properties?.["security-severity"]), /^\d+\.\d$/);
        assert.ok(rule.shortDescription?.text && rule.fullDescription?.text && rule.help?.text);
      }
    });
  }

  it("the schema check can fail: a result without a message is invalid", () => {
    const log = sarif(iacReport());
    const result: Partial<Sarif.Result> | undefined = firstRun(log).results?.[0];
    assert.ok(result);
    delete result.message;
    assert.equal(validate(log), false);
  });

  it("describes the driver and every rule", () => {
    const run = firstRun(sarif(iacReport()));
    const { driver } = run.tool;
    assert.equal(driver.name, "Mamori");
    assert.equal(driver.version, "0.1.0");
    assert.match(driver.informationUri ?? "", /^https:\/\//);
    assert.deepEqual(
      driver.rules?.map((rule) => rule.id),
      [S3_PUBLIC.id, SG_ADMIN.id, S3_VERSIONING.id],
    );
    const rule = driver.rules?.[0];
    assert.equal(rule?.name, "AwsS3BlockPublicAccess");
    assert.equal(rule?.shortDescription?.text, S3_PUBLIC.title);
    assert.equal(rule?.fullDescription?.text, S3_PUBLIC.description);
    assert.ok(rule?.help?.text.includes(S3_PUBLIC.remediation));
    assert.ok(rule?.help?.markdown?.includes(`**Remediation:** ${S3_PUBLIC.remediation}`));
    assert.equal(rule?.helpUri, S3_PUBLIC.references?.[0]);
    assert.equal(rule?.defaultConfiguration?.level, "error");
    assert.equal(rule?.properties?.["security-severity"], securitySeverityScore("high"));
    assert.deepEqual(rule?.properties?.tags, ["security", "aws", "cis-aws-7.0.0", "pci-dss-4.0"]);
    assert.equal(driver.rules?.[1]?.properties?.["security-severity"], securitySeverityScore("critical"));
    assert.equal(driver.rules?.[2]?.defaultConfiguration?.level, "warning");
  });

  it("maps severities to levels", () => {
    assert.deepEqual((["critical", "high", "medium", "low", "info"] as const).map(sarifLevel), [
      "error",
      "error",
      "warning",
      "note",
      "note",
    ]);
  });

  it("points IaC findings at their file and lines", () => {
    const report = iacReport();
    const run = firstRun(sarif(report));
    const result = run.results?.[0];
    assert.equal(result?.ruleId, S3_PUBLIC.id);
    assert.equal(result?.ruleIndex, 0);
    assert.equal(result?.kind, "fail");
    assert.equal(result?.level, "error");
    assert.equal(result?.message.text, "Bucket aws_s3_bucket.logs does not block public ACLs");
    assert.deepEqual(result?.locations?.[0]?.physicalLocation, {
      artifactLocation: { uri: "infra/main.tf", uriBaseId: "%SRCROOT%" },
      region: { startLine: 12, endLine: 20 },
    });
    assert.deepEqual(result?.partialFingerprints, { "mamori/v1": report.findings[0]?.fingerprint });
  });

  it("gives live findings a resource pseudo-path and the resource id as a logical location", () => {
    const run = firstRun(sarif(liveReport()));
    const result = run.results?.[0];
    const location = result?.locations?.[0];
    assert.equal(
      location?.physicalLocation?.artifactLocation?.uri,
      "resources/aws/123456789012/us-east-1/aws.s3.bucket/acme-public-assets",
    );
    assert.equal(location?.physicalLocation?.artifactLocation?.uriBaseId, undefined);
    assert.equal(location?.physicalLocation?.region, undefined);
    assert.deepEqual(location?.logicalLocations, [
      { name: "acme-public-assets", fullyQualifiedName: "arn:aws:s3:::acme-public-assets", kind: "resource" },
    ]);
    assert.match(result?.message.text ?? "", /\(resource: arn:aws:s3:::acme-public-assets\)$/);
    assert.equal(run.results?.[1]?.level, "error");
  });

  it("reports error findings and scan errors as tool notifications, not results", () => {
    const run = firstRun(sarif(liveReport()));
    assert.equal(run.results?.length, 2);
    assert.ok(run.results?.every((result) => result.ruleId !== S3_VERSIONING.id));
    const notifications = run.invocations?.[0]?.toolExecutionNotifications ?? [];
    assert.equal(notifications.length, 2);
    assert.equal(notifications[0]?.message.text, "aws/iam: AccessDenied: iam:ListRoles");
    assert.deepEqual(notifications[1]?.associatedRule, { id: S3_VERSIONING.id, index: 2 });
    assert.equal(run.invocations?.[0]?.executionSuccessful, true);
    assert.equal(run.invocations?.[0]?.startTimeUtc, "2025-01-02T03:04:05.000Z");
    assert.equal(run.invocations?.[0]?.endTimeUtc, "2025-01-02T03:04:06.234Z");
  });

  it("marks muted findings with an accepted external suppression", () => {
    const run = firstRun(sarif(iacReport()));
    const muted = run.results?.filter((result) => result.suppressions !== undefined) ?? [];
    assert.equal(muted.length, 1);
    assert.equal(muted[0]?.level, "warning");
    assert.deepEqual(muted[0]?.suppressions, [
      {
        kind: "external",
        status: "accepted",
        justification: "scratch bucket, recreated daily",
        properties: { owner: "platform-team", expiresAt: "2025-12-31" },
      },
    ]);
  });

  it("writes passed and not-applicable findings with kind and level none", () => {
    const passes = firstRun(sarif(withPassesReport())).results?.filter((r) => r.kind === "pass") ?? [];
    assert.equal(passes.length, 1);
    assert.equal(passes[0]?.level, "none");
    const na = firstRun(sarif(iacReport())).results?.find((r) => r.kind === "notApplicable");
    assert.equal(na?.level, "none");
    assert.deepEqual((na?.properties?.evidence as { actual?: unknown } | undefined)?.actual, {
      $unknown: true,
      reason: "var.versioning has no value",
    });
  });

  it("writes an empty run for an empty report", () => {
    const run = firstRun(sarif(emptyReport()));
    assert.deepEqual(run.results, []);
    assert.deepEqual(run.tool.driver.rules, []);
    assert.equal(run.invocations?.[0]?.toolExecutionNotifications, undefined);
  });

  it("makes artifact URIs relative, with forward slashes and encoded characters", () => {
    assert.deepEqual(artifactLocation("infra\\modules\\s3\\main.tf"), {
      uri: "infra/modules/s3/main.tf",
      uriBaseId: "%SRCROOT%",
    });
    assert.deepEqual(artifactLocation("./a b/c#d%.tf"), { uri: "a%20b/c%23d%25.tf", uriBaseId: "%SRCROOT%" });
    assert.deepEqual(artifactLocation("/repo/infra/main.tf", "/repo/"), {
      uri: "infra/main.tf",
      uriBaseId: "%SRCROOT%",
    });
    assert.deepEqual(artifactLocation("C:\\work\\repo\\main.tf", "C:\\work\\repo"), {
      uri: "main.tf",
      uriBaseId: "%SRCROOT%",
    });
    assert.deepEqual(artifactLocation("/elsewhere/main.tf", "/repo"), { uri: "file:///elsewhere/main.tf" });
    assert.deepEqual(artifactLocation("x:y.tf"), { uri: "x%3Ay.tf", uriBaseId: "%SRCROOT%" });
  });

  it("names %SRCROOT% when the source root is absolute", () => {
    const run = firstRun(sarif(iacReport(), "/home/ci/repo"));
    assert.deepEqual(run.originalUriBaseIds, { "%SRCROOT%": { uri: "file:///home/ci/repo/" } });
  });

  it("turns check ids into identifier-like rule names", () => {
    assert.equal(ruleName("aws.ec2.security-group-admin-ports-ipv4"), "AwsEc2SecurityGroupAdminPortsIpv4");
  });

  it("keeps hostile text intact inside JSON strings", () => {
    const report = hostileReport();
    const result = firstRun(sarif(report)).results?.[0];
    assert.equal(result?.message.text, report.findings[0]?.message);
    assert.equal(
      result?.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      "infra/evil,%20%22odd%22.tf",
    );
  });
});
