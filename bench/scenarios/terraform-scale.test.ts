import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parseHcl } from "../../src/sources/iac/terraform/hcl/parser.js";
import { format } from "../../src/sources/iac/terraform/index.js";
import { FILES_PER_STACK, prepare, STACKS } from "./terraform-scale.js";

const work = mkdtempSync(join(tmpdir(), "mamori-tf-scale-"));
after(() => rmSync(work, { recursive: true, force: true }));

describe("terraform-scale corpus", async () => {
  await prepare(work);
  const corpus = join(work, "corpus");
  const files = readdirSync(corpus, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".tf"))
    .map((e) => join(e.parentPath, e.name));

  it("has the announced number of files, all valid HCL", () => {
    assert.equal(files.length, STACKS * (FILES_PER_STACK + 2) + 4);
    assert.ok(files.length >= 2000);
    for (const file of files) parseHcl(readFileSync(file, "utf8"));
  });

  it("evaluates one stack to 14 resource instances per service file, without errors", async () => {
    const stack = join(corpus, "stacks", "stack-007");
    const stackFiles = files.filter((f) => f.startsWith(stack));
    const result = await format.load(stackFiles, { roots: [corpus] });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.notes, []);
    // Per service file: 2 buckets (companions joined) + 3 groups (rules joined).
    assert.equal(result.resources.length, FILES_PER_STACK * 5);
    assert.ok(result.resources.every((r) => r.provenance.kind === "iac"));
  });

  it("is the same on every run (seeded)", async () => {
    const again = mkdtempSync(join(tmpdir(), "mamori-tf-scale-"));
    try {
      await prepare(again);
      const name = join("stacks", "stack-042", "service-13.tf");
      assert.equal(
        readFileSync(join(again, "corpus", name), "utf8"),
        readFileSync(join(corpus, name), "utf8"),
      );
      const vars = join("stacks", "stack-042", "terraform.tfvars");
      assert.equal(
        readFileSync(join(again, "corpus", vars), "utf8"),
        readFileSync(join(corpus, vars), "utf8"),
      );
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});
