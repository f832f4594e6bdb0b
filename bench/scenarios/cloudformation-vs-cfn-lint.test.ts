import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { format } from "../../src/sources/iac/cloudformation/index.js";
import { commands, corpusFiles, TEMPLATE_COUNT, toYaml, writeCorpus } from "./cloudformation-vs-cfn-lint.js";

describe("cloudformation-vs-cfn-lint corpus", () => {
  it("writes at least 200 deterministic templates that load without errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-cfn-corpus-"));
    const files = await writeCorpus(join(dir, "a"));
    const again = await writeCorpus(join(dir, "b"));
    assert.ok(TEMPLATE_COUNT >= 200);
    assert.equal(files.length, TEMPLATE_COUNT);
    assert.equal(readFileSync(files[7] as string, "utf8"), readFileSync(again[7] as string, "utf8"));
    assert.ok(files.some((f) => f.endsWith(".json")) && files.some((f) => f.endsWith(".yaml")));
    const texts = files.map((f) => readFileSync(f, "utf8"));
    assert.ok(
      texts.some((t) => t.includes("AWS::Serverless::Function")),
      "some SAM templates",
    );
    assert.ok(
      texts.some((t) => t.includes("!GetAtt ")) && texts.some((t) => t.includes("!If")),
      "short forms",
    );

    const result = await format.load(files.slice(0, 60), {});
    assert.deepEqual(result.errors, []);
    const types = new Set(result.resources.map((r) => r.type));
    for (const type of [
      "aws.s3.bucket",
      "aws.ec2.security-group",
      "aws.iam.role",
      "aws.kms.key",
      "aws.rds.db-instance",
    ])
      assert.ok(types.has(type), `the corpus has ${type}`);
  });

  it("renders short forms and keeps one tag per node", () => {
    assert.equal(toYaml({ A: { Ref: "B" } }).trim(), "A: !Ref B");
    assert.equal(toYaml({ A: { "Fn::GetAtt": ["B", "Arn"] } }).trim(), "A: !GetAtt B.Arn");
    assert.equal(
      toYaml({ A: { "Fn::Base64": { "Fn::Sub": "x" } } }).trim(),
      'A:\n  Fn::Base64: !Sub "x"'.replace('"x"', "x"),
    );
  });

  it("runs mamori, its loader, a parse floor and cfn-lint on the same files", () => {
    const list = commands("/w");
    assert.deepEqual(
      list.map((c) => c.role),
      ["subject", "subject", "floor", "peer"],
    );
    const lint = list.find((c) => c.role === "peer");
    assert.deepEqual(lint?.argv.slice(-TEMPLATE_COUNT), corpusFiles("/w/templates"));
  });
});
