import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { discoverIacFiles } from "./discover.js";
import { emptyLoadResult, type IacFormat } from "./format.js";

const format = (name: string, claims: IacFormat["claims"]): IacFormat => ({
  name,
  claims,
  fixtureSuffixes: [],
  load: async () => emptyLoadResult(),
});
const tf = format("terraform", (file) => file.endsWith(".tf"));
const cfn = format("cloudformation", (_file, head) => head.includes("AWSTemplateFormatVersion"));

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), "mamori-discover-"));
  mkdirSync(join(root, "infra", "modules", "bucket"), { recursive: true });
  mkdirSync(join(root, "node_modules", "x"), { recursive: true });
  mkdirSync(join(root, "templates"));
  writeFileSync(join(root, "infra", "main.tf"), 'resource "aws_s3_bucket" "b" {}\n');
  writeFileSync(join(root, "infra", "modules", "bucket", "main.tf"), "");
  writeFileSync(join(root, "node_modules", "x", "ignored.tf"), "");
  writeFileSync(join(root, "templates", "stack.yaml"), 'AWSTemplateFormatVersion: "2010-09-09"\n');
  writeFileSync(join(root, "templates", "other.yaml"), "just: yaml\n");
  return root;
}

describe("discoverIacFiles", () => {
  it("assigns each file to the first format that claims it, by name or content", () => {
    const root = tree();
    const found = discoverIacFiles([root], [tf, cfn]);
    assert.deepEqual(found.byFormat.get("terraform"), [
      join(root, "infra", "main.tf"),
      join(root, "infra", "modules", "bucket", "main.tf"),
    ]);
    assert.deepEqual(found.byFormat.get("cloudformation"), [join(root, "templates", "stack.yaml")]);
    assert.equal(found.unclaimed, 1);
  });

  it("leaves out excluded globs relative to the scanned folder", () => {
    const root = tree();
    const found = discoverIacFiles([root], [tf, cfn], { exclude: ["infra/modules/**"] });
    assert.deepEqual(found.byFormat.get("terraform"), [join(root, "infra", "main.tf")]);
    assert.ok(found.excluded >= 1);
  });

  it("does not follow symbolic links and reports missing paths", () => {
    const root = tree();
    const outside = mkdtempSync(join(tmpdir(), "mamori-outside-"));
    writeFileSync(join(outside, "secret.tf"), "");
    symlinkSync(outside, join(root, "link"));
    const found = discoverIacFiles([root, join(root, "nope")], [tf, cfn]);
    assert.ok(!found.byFormat.get("terraform")?.some((f) => f.includes("secret.tf")));
    assert.deepEqual(found.missing, [join(root, "nope")]);
  });

  it("accepts single files and never lets a throwing format stop the walk", () => {
    const root = tree();
    const broken = format("broken", () => {
      throw new Error("boom");
    });
    const found = discoverIacFiles([join(root, "infra", "main.tf")], [broken, tf]);
    assert.deepEqual(found.byFormat.get("terraform"), [join(root, "infra", "main.tf")]);
  });
});
