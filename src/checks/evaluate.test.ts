import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Resource, unknown } from "../model/index.js";
import { defineCheck, fail, pass } from "./check.js";
import { evaluateResource } from "./evaluate.js";
import { CheckRegistry } from "./registry.js";

const base = {
  title: "t",
  description: "d",
  severity: "high" as const,
  resourceTypes: ["demo.thing"],
  remediation: "r",
};
const resource = (properties: Record<string, unknown>): Resource => ({
  type: "demo.thing",
  id: "thing-1",
  provider: "generic",
  name: "thing-1",
  tags: {},
  properties,
  provenance: {
    kind: "iac",
    format: "terraform",
    file: "main.tf",
    range: { startLine: 3, endLine: 9 },
    properties: { flag: { startLine: 5, endLine: 5 } },
  },
});
const flagCheck = defineCheck({
  ...base,
  id: "demo.flag-on",
  evaluate: (r) =>
    r.properties.flag === true
      ? pass("on", { path: "flag" })
      : fail("off", { path: "flag", actual: r.properties.flag ?? null }),
});
const lookup = (id: string) =>
  id === "demo.flag-on" ? [{ framework: "demo", version: "1", control: "1.1" }] : [];

describe("evaluateResource", () => {
  it("turns results into findings with compliance, location and fingerprint", () => {
    const [finding] = evaluateResource(resource({ flag: false }), new CheckRegistry([flagCheck]), lookup);
    assert.equal(finding?.status, "fail");
    assert.deepEqual(finding?.location, { file: "main.tf", startLine: 5, endLine: 5 });
    assert.deepEqual(finding?.compliance, [{ framework: "demo", version: "1", control: "1.1" }]);
    assert.equal(finding?.resource.id, "thing-1");
    assert.match(finding?.fingerprint ?? "", /^[0-9a-f]{32}$/);
  });

  it("never fails on an unknown value the check did not guard against", () => {
    const [finding] = evaluateResource(
      resource({ flag: unknown("var.flag") }),
      new CheckRegistry([flagCheck]),
      lookup,
    );
    assert.equal(finding?.status, "not_applicable");
    assert.match(finding?.message ?? "", /unknown at scan time/);
  });

  it("reports a throwing check as an error finding and goes on", () => {
    const broken = defineCheck({
      ...base,
      id: "demo.broken",
      evaluate: () => {
        throw new Error("boom");
      },
    });
    const findings = evaluateResource(
      resource({ flag: true }),
      new CheckRegistry([broken, flagCheck]),
      lookup,
    );
    assert.deepEqual(
      findings.map((f) => [f.checkId, f.status]),
      [
        ["demo.broken", "error"],
        ["demo.flag-on", "pass"],
      ],
    );
    assert.match(findings[0]?.message ?? "", /boom/);
  });

  it("runs only the checks of the resource's type", () => {
    assert.deepEqual(
      evaluateResource({ ...resource({}), type: "demo.other" }, new CheckRegistry([flagCheck]), lookup),
      [],
    );
  });
});
