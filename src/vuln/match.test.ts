import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { affects, MemoryAdvisoryIndex, matchPackages } from "./match.js";
import type { OsvRecord } from "./osv.js";
import { runVulnScan } from "./scan.js";
import { cvssScore, severityOf } from "./severity.js";
import { pkg } from "./testdata.test-helpers.js";
import { compareDpkg, comparePep440, compareSemver } from "./versions/index.js";
import { applyVex, parseVex } from "./vex.js";

const TOOL = { name: "Mamori", version: "test" };

function index(...records: OsvRecord[]): MemoryAdvisoryIndex {
  const idx = new MemoryAdvisoryIndex();
  for (const r of records) idx.add(r);
  return idx;
}

describe("OSV range evaluation", () => {
  const range = (events: Record<string, string>[]) => ({ ranges: [{ type: "ECOSYSTEM" as const, events }] });
  it("introduced/fixed, last_affected, several intervals and versions lists", () => {
    const a = range([
      { introduced: "1.0" },
      { fixed: "1.5" },
      { introduced: "2.0" },
      { last_affected: "2.3" },
    ]);
    const at = (v: string) => Boolean(affects(a, v, comparePep440));
    assert.deepEqual(["0.9", "1.0", "1.4.9", "1.5", "1.9", "2.0", "2.3", "2.3.1"].map(at), [
      false,
      true,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
    assert.deepEqual(affects(a, "1.2", comparePep440)?.fixed, ["1.5"]);
    assert.ok(affects({ versions: ["1.0.0"] }, "1.0.0", compareSemver));
    assert.equal(affects({ versions: ["1.0.0"] }, "1.0.1", compareSemver), undefined);
  });
  it("uses the ecosystem's own order, not text order", () => {
    const a = range([{ introduced: "0" }, { fixed: "1:2.0-1" }]);
    assert.ok(affects(a, "1:1.10-1", compareDpkg));
    assert.equal(affects(a, "2:0.1-1", compareDpkg), undefined);
  });
  it("skips GIT ranges and says so", () => {
    const notes = new Set<string>();
    assert.equal(
      affects(
        { ranges: [{ type: "GIT", repo: "r", events: [{ introduced: "abc" }] }] },
        "1.0",
        compareSemver,
        "OSV-1",
        notes,
      ),
      undefined,
    );
    assert.deepEqual(
      [...notes],
      ["GIT ranges are not evaluated (commits are not known for packages): OSV-1"],
    );
  });
});

describe("matching", () => {
  const ghsa: OsvRecord = {
    id: "GHSA-35jh-r3h4-6jhm",
    aliases: ["CVE-2021-23337"],
    severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H" }],
    affected: [
      {
        package: { ecosystem: "npm", name: "lodash" },
        ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "4.17.21" }] }],
      },
    ],
  };
  const nvdLike: OsvRecord = {
    id: "CVE-2021-23337",
    affected: [{ package: { ecosystem: "npm", name: "lodash" }, versions: ["4.17.15"] }],
  };
  const unfixed: OsvRecord = {
    id: "GHSA-unfixed",
    affected: [
      {
        package: { ecosystem: "npm", name: "lodash" },
        ranges: [{ type: "SEMVER", events: [{ introduced: "4.0.0" }] }],
      },
    ],
  };

  it("merges aliases into one finding per package and vulnerability, CVE first", async () => {
    const { findings } = await matchPackages(
      [pkg({ name: "lodash", version: "4.17.15", ecosystem: "npm" })],
      index(ghsa, nvdLike, unfixed),
    );
    assert.deepEqual(
      findings.map((f) => [f.id, f.aliases, f.fixState]),
      [
        ["CVE-2021-23337", ["GHSA-35jh-r3h4-6jhm"], "fixed"],
        ["GHSA-unfixed", [], "not_fixed"],
      ],
    );
    assert.equal(findings[0]?.score, 7.2);
    assert.equal(findings[0]?.severity, "high");
  });

  it("--ignore-unfixed leaves out what has no fix", async () => {
    const { findings } = await runVulnScan({
      kind: "test",
      target: "t",
      scope: "test:t",
      packages: [pkg({ name: "lodash", version: "4.17.15", ecosystem: "npm" })],
      advisories: index(ghsa, unfixed),
      ignoreUnfixed: true,
      tool: TOOL,
    });
    assert.deepEqual(
      findings.map((f) => f.id),
      ["CVE-2021-23337"],
    );
  });

  it("never matches a distro package on upstream advisories, nor on another release", async () => {
    const upstream: OsvRecord = {
      id: "GHSA-x",
      affected: [{ package: { ecosystem: "PyPI", name: "openssl" }, versions: ["3.0.11"] }],
    };
    const bullseye: OsvRecord = {
      id: "DEBIAN-CVE-1",
      affected: [
        {
          package: { ecosystem: "Debian:11", name: "openssl" },
          ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
        },
      ],
    };
    const bookworm: OsvRecord = {
      id: "DEBIAN-CVE-2",
      affected: [
        {
          package: { ecosystem: "Debian:12", name: "openssl" },
          ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "3.0.13-1~deb12u1" }] }],
        },
      ],
    };
    const binary: OsvRecord = {
      id: "DEBIAN-CVE-3",
      affected: [
        {
          package: { ecosystem: "Debian:12", name: "libssl3" },
          ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
        },
      ],
    };
    const libssl = pkg({
      name: "libssl3",
      version: "3.0.11-1~deb12u2",
      sourceName: "openssl",
      ecosystem: "Debian:12",
    });
    const { findings } = await matchPackages([libssl], index(upstream, bullseye, bookworm, binary));
    assert.deepEqual(
      findings.map((f) => [f.id, f.fixedVersions]),
      [["DEBIAN-CVE-2", ["3.0.13-1~deb12u1"]]],
    );
  });

  it("keeps the distro's will-not-fix state", async () => {
    const wontfix: OsvRecord = {
      id: "DEBIAN-CVE-9",
      affected: [
        {
          package: { ecosystem: "Debian:12", name: "tiff" },
          ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
          ecosystem_specific: { mamori: { fixState: "wont_fix" } },
          database_specific: { severity: "low" },
        },
      ],
    };
    const { findings } = await matchPackages(
      [pkg({ name: "libtiff6", sourceName: "tiff", version: "4.5.0-6", ecosystem: "Debian:12" })],
      index(wontfix),
    );
    assert.equal(findings[0]?.fixState, "wont_fix");
    assert.equal(findings[0]?.severity, "low");
  });

  it("matches Ubuntu LTS advisories and PyPI names in normal form", async () => {
    const ubuntu: OsvRecord = {
      id: "UBUNTU-CVE-1",
      affected: [
        {
          package: { ecosystem: "Ubuntu:22.04:LTS", name: "curl" },
          ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "7.81.0-1ubuntu1.15" }] }],
        },
      ],
      severity: [{ type: "Ubuntu", score: "medium" }],
    };
    const pypi: OsvRecord = {
      id: "PYSEC-1",
      affected: [{ package: { ecosystem: "PyPI", name: "Django_REST.framework" }, versions: ["3.0"] }],
    };
    const { findings } = await matchPackages(
      [
        pkg({
          name: "libcurl4",
          sourceName: "curl",
          version: "7.81.0-1ubuntu1.14",
          ecosystem: "Ubuntu:22.04",
        }),
        pkg({ name: "django-rest-framework", version: "3.0", ecosystem: "PyPI" }),
      ],
      index(ubuntu, pypi),
    );
    assert.deepEqual(findings.map((f) => f.id).sort(), ["PYSEC-1", "UBUNTU-CVE-1"]);
  });
});

describe("severity", () => {
  it("computes CVSS v2, v3.0, v3.1 and v4.0 base scores", () => {
    assert.equal(cvssScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 9.8);
    assert.equal(cvssScore("CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L"), 1.8);
    assert.equal(cvssScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"), 9.3);
    assert.equal(cvssScore("AV:N/AC:L/Au:N/C:P/I:P/A:P"), 7.5);
    assert.equal(cvssScore("CVSS:3.1/AV:X/garbage"), undefined);
  });
  it("prefers the distro's rating for distro packages and CVSS otherwise", () => {
    const r: OsvRecord = {
      id: "X",
      severity: [
        { type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
        { type: "Ubuntu", score: "low" },
      ],
    };
    assert.equal(severityOf([r], true)?.severity, "low");
    assert.equal(severityOf([r], false)?.severity, "critical");
    assert.equal(
      severityOf([{ id: "Y", database_specific: { severity: "MODERATE" } }], false)?.severity,
      "medium",
    );
  });
});

describe("VEX", () => {
  const lodash = pkg({
    name: "lodash",
    version: "4.17.15",
    ecosystem: "npm",
    purl: "pkg:npm/lodash@4.17.15",
  });
  const finding = {
    id: "CVE-2021-23337",
    aliases: ["GHSA-35jh-r3h4-6jhm"],
    advisoryIds: ["GHSA-35jh-r3h4-6jhm"],
    package: lodash,
    installedVersion: "4.17.15",
    fixedVersions: ["4.17.21"],
    fixState: "fixed" as const,
    severity: "high" as const,
  };
  it("OpenVEX not_affected suppresses by alias and product, keeping the justification", () => {
    const vex = parseVex(
      {
        "@context": "https://openvex.dev/ns/v0.2.0",
        statements: [
          {
            vulnerability: { name: "GHSA-35jh-r3h4-6jhm" },
            products: [{ "@id": "pkg:npm/lodash" }],
            status: "not_affected",
            justification: "vulnerable_code_not_in_execute_path",
            impact_statement: "template() is never called",
          },
        ],
      },
      "vex.json",
    );
    const [out] = applyVex([finding], vex);
    assert.deepEqual(out?.suppressed, {
      status: "not_affected",
      justification: "vulnerable_code_not_in_execute_path",
      statement: "template() is never called",
      source: "OpenVEX vex.json",
    });
  });
  it("does not suppress another version, an affected status or an unknown product", () => {
    const statements = (status: string, product: string) =>
      parseVex({ statements: [{ vulnerability: "CVE-2021-23337", products: [product], status }] }, "v.json");
    assert.equal(
      applyVex([finding], statements("not_affected", "pkg:npm/lodash@4.17.21"))[0]?.suppressed,
      undefined,
    );
    assert.equal(
      applyVex([finding], statements("affected", "pkg:npm/lodash@4.17.15"))[0]?.suppressed,
      undefined,
    );
    assert.equal(
      applyVex([finding], statements("not_affected", "pkg:npm/underscore"))[0]?.suppressed,
      undefined,
    );
  });
  it("reads CycloneDX VEX, resolving bom-refs to purls", () => {
    const vex = parseVex(
      {
        bomFormat: "CycloneDX",
        specVersion: "1.6",
        components: [{ "bom-ref": "c1", name: "lodash", purl: "pkg:npm/lodash@4.17.15" }],
        vulnerabilities: [
          {
            id: "CVE-2021-23337",
            analysis: { state: "false_positive", detail: "not reachable" },
            affects: [{ ref: "c1" }],
          },
        ],
      },
      "cdx.json",
    );
    assert.equal(applyVex([finding], vex)[0]?.suppressed?.statement, "not reachable");
  });
  it("names the bad field", () => {
    assert.throws(
      () => parseVex({ statements: [{ vulnerability: "X", status: "maybe" }] }, "v.json"),
      /v\.json: OpenVEX field statements\[0\]\.status/,
    );
  });
});

describe("vulnerability table", () => {
  it("shows package, versions, ids with aliases, layer and path, and the VEX-muted ones with their reason", async () => {
    const record: OsvRecord = {
      id: "GHSA-35jh-r3h4-6jhm",
      aliases: ["CVE-2021-23337"],
      affected: [
        {
          package: { ecosystem: "npm", name: "lodash" },
          ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "4.17.21" }] }],
        },
      ],
    };
    const lodash = pkg({
      name: "lodash",
      version: "4.17.15",
      ecosystem: "npm",
      purl: "pkg:npm/lodash@4.17.15",
      path: "/app/package-lock.json",
      layerDigest: "sha256:0123456789abcdef0123",
    });
    const vex = parseVex(
      {
        statements: [
          { vulnerability: "CVE-2021-23337", status: "not_affected", justification: "component_not_present" },
        ],
      },
      "v.json",
    );
    for (const statements of [[], vex]) {
      const result = await runVulnScan({
        kind: "test",
        target: "t",
        scope: "test:t",
        packages: [lodash],
        advisories: index(record),
        vex: statements,
        tool: TOOL,
      });
      const { renderVulnTable } = await import("./report.js");
      const text = renderVulnTable(result.findings, result.report, 1, result.notes);
      assert.match(
        text,
        /CVE-2021-23337 \(GHSA-35jh-r3h4-6jhm\)\s+lodash\s+4\.17\.15\s+4\.17\.21\s+\/app\/package-lock\.json \[0123456789ab\]/,
      );
      if (statements.length > 0) {
        assert.match(
          text,
          /Suppressed by VEX:\n {2}CVE-2021-23337 in lodash: VEX not_affected \(component_not_present\)/,
        );
        assert.equal(result.report.summary.muted, 1);
      } else assert.doesNotMatch(text, /Suppressed/);
    }
  });
});
