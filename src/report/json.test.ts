import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import {
  emptyReport,
  hostileReport,
  iacReport,
  liveReport,
  withPassesReport,
} from "./fixtures.test-helpers.js";
import { renderReport } from "./index.js";

const schema = JSON.parse(
  readFileSync(new URL("./report-json.schema.json", import.meta.url), "utf8"),
) as object;
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

const fixtures = { iacReport, liveReport, withPassesReport, emptyReport, hostileReport };

function render(report: Parameters<typeof renderReport>[0]): Record<string, unknown> {
  return JSON.parse(renderReport(report, "json", {})) as Record<string, unknown>;
}

function findingsOf(output: Record<string, unknown>): Record<string, unknown>[] {
  return output.findings as Record<string, unknown>[];
}

describe("json report", () => {
  for (const [name, make] of Object.entries(fixtures)) {
    it(`validates against report-json.schema.json: ${name}`, () => {
      const output = render(make());
      assert.equal(validate(output), true, ajv.errorsText(validate.errors));
    });
  }

  it("the schema rejects an undocumented key and a wrong type, so the validation above means something", () => {
    const output = render(iacReport());
    const withExtra = structuredClone(output);
    (findingsOf(withExtra)[0] as Record<string, unknown>).internal = 1;
    assert.equal(validate(withExtra), false);
    const wrongType = structuredClone(output);
    ((wrongType.summary as Record<string, unknown>).byStatus as Record<string, unknown>).fail = "1";
    assert.equal(validate(wrongType), false);
  });

  it("writes a finding in the documented shape and key order", () => {
    const report = iacReport();
    const first = report.findings[0];
    assert.ok(first);
    const output = findingsOf(render(report))[0];
    assert.deepEqual(output, {
      checkId: "aws.s3.block-public-access",
      status: "fail",
      severity: "high",
      title: "S3 bucket blocks public access",
      message: "Bucket aws_s3_bucket.logs does not block public ACLs",
      resource: {
        id: "infra/main.tf#aws_s3_bucket.logs",
        type: "aws.s3.bucket",
        name: "aws_s3_bucket.logs",
        provider: "aws",
        account: null,
        region: null,
      },
      location: { file: "infra/main.tf", startLine: 12, endLine: 20 },
      compliance: [
        { framework: "cis-aws", version: "7.0.0", control: "2.1.4" },
        { framework: "pci-dss", version: "4.0", control: "1.2.1" },
      ],
      fingerprint: first.fingerprint,
      evidence: { path: "publicAccessBlock.blockPublicAcls", actual: false, expected: true },
      remediation: "Turn on all four Block Public Access settings for the bucket.",
    });
    assert.deepEqual(Object.keys(output ?? {}), [
      "checkId",
      "status",
      "severity",
      "title",
      "message",
      "resource",
      "location",
      "compliance",
      "fingerprint",
      "evidence",
      "remediation",
    ]);
  });

  it("passes unknown markers through unchanged", () => {
    const output = findingsOf(render(iacReport()));
    const undecided = output.find((f) => f.status === "not_applicable");
    assert.deepEqual(undecided?.evidence, {
      path: "versioning.enabled",
      actual: { $unknown: true, reason: "var.versioning has no value" },
      expected: true,
    });
  });

  it("keeps muted, key and live resource fields; leaves location out for live findings", () => {
    const iac = findingsOf(render(iacReport()));
    assert.deepEqual(iac.find((f) => f.muted !== undefined)?.muted, {
      reason: "scratch bucket, recreated daily",
      owner: "platform-team",
      expiresAt: "2025-12-31",
    });
    assert.equal(iac.find((f) => f.checkId === "aws.ec2.security-group-admin-ports-ipv4")?.key, "ingress[0]");

    const live = render(liveReport());
    const bucket = findingsOf(live)[0];
    assert.equal(bucket?.location, undefined);
    assert.deepEqual(bucket?.resource, {
      id: "arn:aws:s3:::acme-public-assets",
      type: "aws.s3.bucket",
      name: "acme-public-assets",
      provider: "aws",
      account: "123456789012",
      region: "us-east-1",
    });
    const errored = findingsOf(live).find((f) => f.status === "error");
    assert.equal(errored?.evidence, null);
    assert.deepEqual(live.errors, [{ source: "aws/iam", message: "AccessDenied: iam:ListRoles" }]);
  });

  it("writes scanId after tool when there is one and leaves it out when there is none", () => {
    assert.deepEqual(Object.keys(render(liveReport())).slice(0, 2), ["tool", "scanId"]);
    const report = emptyReport();
    delete report.scanId;
    const output = render(report);
    assert.equal("scanId" in output, false);
    assert.equal(validate(output), true, ajv.errorsText(validate.errors));
  });

  it("copies the summary and errors", () => {
    const report = iacReport();
    const output = render(report);
    assert.deepEqual(output.summary, report.summary);
    assert.deepEqual(output.errors, report.errors);
    assert.deepEqual(output.tool, { name: "mamori", version: "0.1.0" });
  });
});
