import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { builtinChecks, CheckRegistry, evaluateResource } from "../../src/checks/index.js";
import { validateResource } from "../../src/model/index.js";
import { generateAwsResources, seededRandom } from "./aws-resources.js";

describe("seededRandom", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    assert.deepEqual([b(), b(), b()], first);
    assert.notDeepEqual([c(), c(), c()], first);
    assert.ok(first.every((x) => x >= 0 && x < 1));
  });
});

describe("generateAwsResources", () => {
  const resources = generateAwsResources(2000, 7);

  it("is deterministic", () => {
    assert.equal(JSON.stringify(generateAwsResources(2000, 7)), JSON.stringify(resources));
    assert.notEqual(JSON.stringify(generateAwsResources(50, 8)), JSON.stringify(resources.slice(0, 50)));
  });

  it("gives valid canonical resources with unique ids, both types mixed", () => {
    for (const [i, r] of resources.entries()) assert.deepEqual(validateResource(r, `resources[${i}]`), []);
    assert.equal(new Set(resources.map((r) => r.id)).size, resources.length);
    const buckets = resources.filter((r) => r.type === "aws.s3.bucket").length;
    const groups = resources.filter((r) => r.type === "aws.ec2.security-group").length;
    assert.equal(buckets + groups, resources.length);
    assert.ok(buckets > 800 && groups > 600, `${buckets} buckets, ${groups} security groups`);
  });

  it("passes and fails every built-in check of its resource types on some resources", () => {
    const types = new Set(resources.map((r) => r.type));
    const registry = new CheckRegistry(
      builtinChecks.filter((c) => c.resourceTypes.some((t) => types.has(t))),
    );
    const statuses = new Map<string, Set<string>>();
    for (const resource of resources) {
      for (const finding of evaluateResource(resource, registry, () => [])) {
        const set = statuses.get(finding.checkId) ?? new Set<string>();
        set.add(finding.status);
        statuses.set(finding.checkId, set);
      }
    }
    for (const check of registry.all()) {
      const seen = statuses.get(check.id) ?? new Set();
      assert.ok(seen.has("pass") && seen.has("fail"), `${check.id}: ${[...seen].join(", ")}`);
      assert.ok(!seen.has("error"), `${check.id} errored`);
    }
  });
});
