import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  atLeast,
  containsUnknown,
  fingerprint,
  formatPath,
  getPath,
  isUnknown,
  locate,
  parsePath,
  parseSeverity,
  type Resource,
  unknown,
  validateResource,
} from "./index.js";

describe("property paths", () => {
  it("parse and format round-trip, with quoted keys", () => {
    const path = 'policy.Statement[0].Condition["aws:SecureTransport"]';
    assert.deepEqual(parsePath(path), ["policy", "Statement", 0, "Condition", "aws:SecureTransport"]);
    assert.equal(formatPath(parsePath(path)), path);
    assert.equal(formatPath(["tags", "kubernetes.io/name"]), 'tags["kubernetes.io/name"]');
  });

  it("read values, absent paths and unknowns on the way", () => {
    const props = { a: { b: [1, { c: "x" }] }, u: unknown("var.x") };
    assert.equal(getPath(props, "a.b[1].c"), "x");
    assert.equal(getPath(props, "a.z.y"), undefined);
    assert.ok(isUnknown(getPath(props, "u.deeper.still")));
  });
});

describe("unknown values", () => {
  it("are detected anywhere inside a value", () => {
    assert.ok(containsUnknown([1, { a: [unknown()] }]));
    assert.ok(!containsUnknown({ $unknown: false, a: [1, "x", null] }));
  });
});

describe("severity", () => {
  it("parses and orders", () => {
    assert.equal(parseSeverity(" HIGH "), "high");
    assert.equal(parseSeverity("urgent"), undefined);
    assert.ok(atLeast("critical", "high"));
    assert.ok(atLeast("high", "high"));
    assert.ok(!atLeast("low", "medium"));
  });
});

describe("fingerprint", () => {
  it("is stable and depends on check, resource and key only", () => {
    const r = { type: "aws.s3.bucket", id: "arn:aws:s3:::b" };
    assert.equal(fingerprint("c.d.e", r), fingerprint("c.d.e", { ...r }));
    assert.match(fingerprint("c.d.e", r), /^[0-9a-f]{32}$/);
    assert.notEqual(fingerprint("c.d.e", r), fingerprint("c.d.f", r));
    assert.notEqual(fingerprint("c.d.e", r), fingerprint("c.d.e", r, "rule-1"));
  });
});

describe("locate", () => {
  const iac: Resource = {
    type: "aws.s3.bucket",
    id: "main.tf#aws_s3_bucket.b",
    provider: "aws",
    name: "b",
    tags: {},
    properties: {},
    provenance: {
      kind: "iac",
      format: "terraform",
      file: "main.tf",
      range: { startLine: 1, endLine: 20 },
      properties: {
        versioning: { startLine: 5, endLine: 8 },
        "versioning.status": { startLine: 6, endLine: 6 },
      },
    },
  };
  it("gives the lines of the longest known prefix of a property path", () => {
    assert.deepEqual(locate(iac, "versioning.status"), { file: "main.tf", startLine: 6, endLine: 6 });
    assert.deepEqual(locate(iac, "versioning.mfaDelete"), { file: "main.tf", startLine: 5, endLine: 8 });
    assert.deepEqual(locate(iac, "logging"), { file: "main.tf", startLine: 1, endLine: 20 });
  });
  it("gives nothing for live resources", () => {
    assert.equal(
      locate({ ...iac, provenance: { kind: "live", source: "aws/s3", collectedAt: "" } }, "x"),
      undefined,
    );
  });
});

describe("validateResource", () => {
  it("names each bad field", () => {
    assert.deepEqual(
      validateResource({ type: "S3", id: "", provider: "ibm", tags: { a: 1 } }, "resources[2]"),
      [
        { field: "resources[2].type", message: "must be a canonical type id such as aws.s3.bucket" },
        { field: "resources[2].id", message: "must be a non-empty string" },
        {
          field: "resources[2].provider",
          message: "must be one of aws, azure, gcp, kubernetes, docker, generic",
        },
        { field: "resources[2].tags.a", message: "must be a string" },
      ],
    );
    assert.deepEqual(validateResource([]), [{ field: "resource", message: "must be an object" }]);
  });
});
