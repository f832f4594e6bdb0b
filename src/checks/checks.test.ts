/**
 * The meta-test: discovers every check folder and proves that its metadata
 * is valid, its id is the one its folder gives, it is registered, every fail
 * fixture fails, every pass fixture passes and no unknown fixture fails.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Check } from "./check.js";
import { discoverCheckFolders } from "./discover.js";
import { evaluateResource } from "./evaluate.js";
import { loadFixture } from "./fixtures.js";
import { builtinChecks } from "./index.generated.js";
import { CheckRegistry, CheckRegistryError, metadataProblems } from "./registry.js";

const folders = discoverCheckFolders(import.meta.dirname);
const noCompliance = () => [];

describe("check registry", () => {
  it("registers exactly the check folders", () => {
    assert.deepEqual(
      builtinChecks.map((c) => c.id).sort(),
      folders.map((f) => f.id),
      "run `npm run gen` after adding or removing a check folder",
    );
  });

  it("has unique ids and throws on a duplicate", () => {
    const registry = new CheckRegistry(builtinChecks);
    assert.equal(registry.size, builtinChecks.length);
    const first = builtinChecks[0];
    assert.ok(first);
    assert.throws(() => registry.add(first), CheckRegistryError);
  });

  it("refuses a check with invalid metadata", () => {
    const broken = { ...builtinChecks[0], id: "Bad Id", severity: "urgent" } as unknown as Check;
    assert.throws(() => new CheckRegistry([broken]), /id must be dotted.*severity urgent/);
  });
});

for (const folder of folders) {
  describe(`check ${folder.id}`, async () => {
    const check = ((await import(join(folder.absoluteDir, "check.ts"))) as { default: Check }).default;
    const registry = new CheckRegistry([check]);

    it("has valid metadata and the id of its folder", () => {
      assert.deepEqual(metadataProblems(check), []);
      assert.equal(check.id, folder.id);
    });

    const kinds = ["pass", "fail", "unknown"] as const;
    const fixtureFiles = (kind: string) => {
      const dir = join(folder.absoluteDir, "fixtures", kind);
      return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
    };

    it("has at least one pass and one fail fixture", () => {
      assert.ok(fixtureFiles("pass").length > 0, "fixtures/pass is empty");
      assert.ok(fixtureFiles("fail").length > 0, "fixtures/fail is empty");
    });

    for (const kind of kinds) {
      for (const file of fixtureFiles(kind)) {
        it(`${kind} fixture ${file.slice(folder.absoluteDir.length + 1)}`, async () => {
          const resources = (await loadFixture(file)).filter((r) => check.resourceTypes.includes(r.type));
          assert.ok(
            resources.length > 0,
            `${file} holds no resource of type ${check.resourceTypes.join(", ")}`,
          );
          const findings = resources.flatMap((r) => evaluateResource(r, registry, noCompliance));
          const statuses = findings.map((f) => f.status);
          assert.ok(!statuses.includes("error"), `a check errored: ${JSON.stringify(findings)}`);
          if (kind === "fail") {
            const failed = findings.filter((f) => f.status === "fail");
            assert.ok(failed.length > 0, `expected a failure, got ${statuses.join(", ")}`);
            for (const f of failed) {
              assert.ok(
                f.evidence?.path !== undefined,
                "a failing result must name the property path in its evidence",
              );
              assert.notEqual(f.message.trim(), "");
            }
          } else if (kind === "pass") {
            assert.ok(
              !statuses.includes("fail"),
              `expected no failure: ${JSON.stringify(findings.filter((f) => f.status === "fail"))}`,
            );
            assert.ok(statuses.includes("pass"), `expected a pass, got ${statuses.join(", ")}`);
          } else {
            assert.ok(
              !statuses.includes("fail"),
              `a check failed on an unknown value: ${JSON.stringify(findings)}`,
            );
          }
        });
      }
    }
  });
}
