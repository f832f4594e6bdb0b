import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type Resource, unknown } from "../../model/index.js";
import { evaluateResource } from "../evaluate.js";
import { CheckRegistry } from "../registry.js";
import { loadCustomChecks, parseCustomCheckFile } from "./load.js";

const bucket = (properties: Record<string, unknown>, tags: Record<string, string> = {}): Resource => ({
  type: "aws.s3.bucket",
  id: "arn:aws:s3:::b",
  provider: "aws",
  name: "b",
  tags,
  properties,
  provenance: { kind: "snapshot", file: "x.json" },
});

const run = (yaml: string, resource: Resource) =>
  evaluateResource(resource, new CheckRegistry(parseCustomCheckFile("c.yaml", yaml)), () => []);

const ownerTag = `id: custom.s3.owner-tag
title: Buckets carry an owner tag
severity: low
resourceTypes: [aws.s3.bucket]
expression: has(resource.tags.owner) && resource.tags.owner != ""
`;

describe("custom CEL checks", () => {
  it("passes and fails on a canonical resource", () => {
    assert.equal(run(ownerTag, bucket({}, { owner: "team-a" }))[0]?.status, "pass");
    const [failed] = run(ownerTag, bucket({}));
    assert.equal(failed?.status, "fail");
    assert.equal(failed?.checkId, "custom.s3.owner-tag");
  });

  it("reads properties, lists and string functions", () => {
    const yaml = `checks:
  - id: custom.s3.versioned
    title: Versioned
    severity: medium
    resourceTypes: [aws.s3.bucket]
    expression: >
      resource.properties.versioning.status == "Enabled" &&
      resource.properties.rules.all(r, r.port != 22) && resource.name.startsWith("b")
`;
    assert.equal(
      run(yaml, bucket({ versioning: { status: "Enabled" }, rules: [{ port: 443 }] }))[0]?.status,
      "pass",
    );
    const [failed] = run(yaml, bucket({ versioning: { status: "Suspended" }, rules: [] }));
    assert.equal(failed?.status, "fail");
    assert.equal(failed?.evidence?.path, "versioning.status");
    assert.equal(failed?.evidence?.actual, "Suspended");
  });

  it("never fails on an unknown value", () => {
    const yaml = ownerTag.replace(
      /expression:.*/,
      'expression: resource.properties.versioning.status == "Enabled"',
    );
    const [finding] = run(yaml, bucket({ versioning: { status: unknown("var.v") } }));
    assert.equal(finding?.status, "not_applicable");
  });

  it("reports an evaluation error as an error finding, not a pass", () => {
    const yaml = ownerTag.replace(/expression:.*/, "expression: resource.properties.missing == 1");
    assert.equal(run(yaml, bucket({}))[0]?.status, "error");
  });

  it("names file and line of a CEL syntax error, also in block scalars", () => {
    assert.throws(
      () => parseCustomCheckFile("c.yaml", ownerTag.replace(/expression:.*/, "expression: resource.tags ==")),
      {
        name: "CustomCheckError",
        message: /^c\.yaml:5: check custom\.s3\.owner-tag: CEL syntax error at column \d+/,
      },
    );
    const block = ownerTag.replace(
      /expression:.*/,
      "expression: |\n  has(resource.tags.owner) &&\n  resource.tags.owner ==",
    );
    assert.throws(() => parseCustomCheckFile("c.yaml", block), { message: /^c\.yaml:7: / });
  });

  it("names file and line of YAML and schema errors", () => {
    assert.throws(() => parseCustomCheckFile("c.yaml", "id: [unclosed\n"), { message: /^c\.yaml:\d+: / });
    assert.throws(
      () => parseCustomCheckFile("c.yaml", ownerTag.replace("severity: low", "severity: urgent")),
      {
        message: /^c\.yaml:3: severity "urgent" must be one of/,
      },
    );
    assert.throws(() => parseCustomCheckFile("c.yaml", `${ownerTag}colour: red\n`), {
      message: /^c\.yaml:6: unknown field "colour"/,
    });
    assert.throws(
      () => parseCustomCheckFile("c.yaml", ownerTag.replace("id: custom.s3.owner-tag", "id: Not An Id")),
      {
        message: /^c\.yaml:1: check Not An Id: id must be dotted/,
      },
    );
  });

  it("refuses YAML aliases (alias bombs)", () => {
    const bomb = `id: &a custom.x.y\ntitle: *a\n`;
    assert.throws(() => parseCustomCheckFile("c.yaml", bomb), {
      name: "CustomCheckError",
      message: "c.yaml:2: YAML aliases are not allowed in custom check files",
    });
  });

  it("loads a directory recursively and names an unreadable one", () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-custom-"));
    writeFileSync(join(dir, "owner.yaml"), ownerTag);
    writeFileSync(join(dir, "notes.txt"), "ignored");
    assert.deepEqual(
      loadCustomChecks(dir).map((c) => c.id),
      ["custom.s3.owner-tag"],
    );
    assert.throws(() => loadCustomChecks(join(dir, "nope")), {
      message: /cannot read the checks directory \(ENOENT\)/,
    });
  });
});
