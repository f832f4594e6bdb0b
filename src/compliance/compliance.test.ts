import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { builtinChecks } from "../checks/index.js";
import { type Finding, type Framework, fingerprint } from "../model/index.js";
import { FrameworkFileError, loadFrameworks, parseFrameworkFile } from "./load.js";
import { complianceIndex, scoreFramework } from "./score.js";

const frameworks = loadFrameworks();
const CHECKS_DIR = join(import.meta.dirname, "..", "checks");
const checkIds = new Set(builtinChecks.map((c) => c.id));

describe("built-in framework files", () => {
  it("ship at least one framework", () => assert.ok(frameworks.length > 0));

  for (const fw of frameworks) {
    it(`${fw.id}: unique control ids and every referenced check exists`, () => {
      const ids = fw.controls.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const control of fw.controls) {
        for (const checkId of control.checks)
          assert.ok(checkIds.has(checkId), `${fw.id} ${control.id}: unknown check ${checkId}`);
      }
    });
  }

  for (const fw of frameworks) {
    it(`${fw.id}: every automated control has a check with pass and fail fixtures`, () => {
      for (const control of fw.controls.filter((c) => c.automated)) {
        assert.ok(control.checks.length > 0, `${fw.id} ${control.id} is automated but lists no check`);
        for (const checkId of control.checks) {
          // A check's id is its folder under src/checks (the checks meta-test holds it to that).
          const fixtures = join(CHECKS_DIR, ...checkId.split("."), "fixtures");
          for (const kind of ["pass", "fail"])
            assert.ok(
              existsSync(join(fixtures, kind)) && readdirSync(join(fixtures, kind)).length > 0,
              `${fw.id} ${control.id}: ${checkId} has no ${kind} fixture`,
            );
        }
      }
    });
  }

  it("framework ids are unique", () => {
    assert.equal(new Set(frameworks.map((f) => f.id)).size, frameworks.length);
  });
});

describe("parseFrameworkFile", () => {
  const header = 'framework: demo\nversion: "1.0"\nname: Demo\ncontrols:\n';
  it("names the file and line of a duplicate control", () => {
    const text = `${header}  - id: "1.1"\n    title: A\n    automated: false\n  - id: "1.1"\n    title: B\n    automated: false\n`;
    assert.throws(
      () => parseFrameworkFile("demo.yaml", text),
      (e: Error) => {
        assert.ok(e instanceof FrameworkFileError);
        assert.equal(e.message, "demo.yaml:8: control id 1.1 appears twice");
        return true;
      },
    );
  });
  it("refuses unquoted numeric ids", () => {
    assert.throws(
      () => parseFrameworkFile("f.yaml", `${header}  - id: 1.10\n    title: A\n    automated: true\n`),
      /f\.yaml:5: controls\[0\]\.id must be a quoted string/,
    );
  });
  it("refuses checks on a manual control", () => {
    assert.throws(
      () =>
        parseFrameworkFile(
          "f.yaml",
          `${header}  - id: "2"\n    title: A\n    automated: false\n    checks: [x.y.z]\n`,
        ),
      /manual control cannot list checks/,
    );
  });
  it("reports YAML syntax errors with a line", () => {
    assert.throws(
      () => parseFrameworkFile("f.yaml", `${header}  - id: "2\n`),
      /^FrameworkFileError|f\.yaml:\d+:/,
    );
  });
});

describe("scoring", () => {
  const fw: Framework = {
    framework: "demo",
    version: "1.0",
    id: "demo-1.0",
    name: "Demo",
    controls: [
      { id: "1", title: "one", automated: true, checks: ["a.b.one"] },
      { id: "2", title: "two", automated: true, checks: ["a.b.two"] },
      { id: "3", title: "three", automated: true, checks: ["a.b.three"] },
      { id: "4", title: "four", automated: false, checks: [] },
      { id: "5", title: "five", automated: true, checks: ["a.b.one", "a.b.muted"] },
    ],
  };
  const finding = (checkId: string, status: Finding["status"], id: string, muted = false): Finding => {
    const resource = { id, type: "a.b", name: id, provider: "aws" as const };
    const f: Finding = {
      checkId,
      title: checkId,
      status,
      severity: "high",
      message: "",
      resource,
      compliance: [],
      fingerprint: fingerprint(checkId, resource),
    };
    if (muted) f.muted = { reason: "accepted" };
    return f;
  };

  it("scores controls and the framework", () => {
    const score = scoreFramework(fw, [
      finding("a.b.one", "pass", "r1"),
      finding("a.b.one", "pass", "r2"),
      finding("a.b.two", "pass", "r1"),
      finding("a.b.two", "fail", "r2"),
      finding("a.b.muted", "fail", "r3", true),
    ]);
    assert.deepEqual(
      score.controls.map((c) => c.status),
      ["pass", "fail", "no_data", "manual", "pass"],
    );
    assert.deepEqual(score.counts, { pass: 2, fail: 1, manual: 1, no_data: 1, error: 0 });
    assert.equal(score.score, 66.7);
  });

  it("has no score when nothing was decided", () => {
    assert.equal(scoreFramework(fw, []).score, null);
  });

  it("maps a check to every control that lists it", () => {
    const lookup = complianceIndex([fw]);
    assert.deepEqual(lookup("a.b.one"), [
      { framework: "demo", version: "1.0", control: "1" },
      { framework: "demo", version: "1.0", control: "5" },
    ]);
    assert.deepEqual(lookup("nope"), []);
  });
});
