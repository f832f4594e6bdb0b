/**
 * The "done when" for vulnerability scanning, end to end through the
 * CLI in a child process: an image built here with tar-stream (through the
 * image reader's test helpers), advisories from ../shared/vulndata, and the
 * embedded store in a temp folder.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { scanFilesystem } from "../sources/fs/index.js";
import { dockerArchive, makeTar } from "../sources/image/build.test-helpers.js";
import { AdvisoryStore } from "../store/advisories.js";
import { openStore } from "../store/index.js";
import { filesystemExtras } from "./image-findings.js";
import { MemoryAdvisoryIndex, matchPackages } from "./match.js";
import { readAdvisories } from "./sources.js";
import { VULNDATA } from "./testdata.test-helpers.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "mamori-vuln-cli-"));
const dataDir = join(work, "db");
const NPM = join(VULNDATA, "nodejs-security-wg/npm.jsonl");
const DEBIAN = join(VULNDATA, "debian-tracker-samples/security-tracker-json");
const ADVISORIES = ["--advisories", NPM, "--advisories", DEBIAN];

function mamori(args: string[]) {
  const { DATABASE_URL: _, ...env } = process.env;
  const result = spawnSync(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), join(root, "src/cli/bin.ts"), ...args],
    {
      cwd: work,
      encoding: "utf8",
      env: { ...env, NO_COLOR: "1" },
      timeout: 120_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  id: string;
  aliases: string[];
  fixedVersions: string[];
  installedVersion: string;
  suppressed?: { justification?: string };
  package: { name: string; purl: string; path: string; ecosystem: string; layerDigest?: string };
}

function findingsOf(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

const key = (f: JsonFinding) =>
  `${f.id} ${f.package.purl} ${f.package.path} ${f.installedVersion} ${f.fixedVersions.join(",")}`;

const OS_RELEASE = 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n';
const STATUS = `Package: libsope1
Status: install ok installed
Architecture: amd64
Source: sope
Version: 5.8.0-1

Package: prototypejs
Status: install ok installed
Architecture: all
Version: 1.6.0.1-1
`;
const LOCK = JSON.stringify({
  lockfileVersion: 3,
  packages: { "": { name: "app" }, "node_modules/lodash": { version: "4.17.15" } },
});

const image = join(work, "image.tar");
let direct: ReturnType<typeof mamori>;

before(async () => {
  const base = await makeTar([
    { name: "etc/os-release", content: OS_RELEASE },
    { name: "var/lib/dpkg/status", content: STATUS },
  ]);
  const app = await makeTar([
    { name: "app/package-lock.json", content: LOCK },
    {
      name: "app/node_modules/lodash/package.json",
      content: JSON.stringify({ name: "lodash", version: "4.17.15" }),
    },
  ]);
  writeFileSync(image, await dockerArchive({ layers: [base, app], repoTag: "test/vuln:1" }));
  // An npm record naming the Debian source package: it must never apply to the Debian package.
  writeFileSync(
    join(work, "upstream.json"),
    JSON.stringify({
      id: "GHSA-test-sope-npm",
      affected: [
        {
          package: { ecosystem: "npm", name: "sope" },
          ranges: [{ type: "SEMVER", events: [{ introduced: "0" }] }],
        },
      ],
    }),
  );
  direct = mamori([
    "image",
    image,
    "-f",
    "json",
    "--no-store",
    ...ADVISORIES,
    "--advisories",
    join(work, "upstream.json"),
  ]);
});
after(() => rmSync(work, { recursive: true, force: true }));

describe("vulnerability scanning acceptance", () => {
  it("reports lodash 4.17.15 once per location, and the Debian package only on Debian advisories", () => {
    const result = mamori([
      "image",
      image,
      "-f",
      "json",
      "--no-store",
      ...ADVISORIES,
      "--advisories",
      join(work, "upstream.json"),
    ]);
    assert.equal(result.code, 0, result.stderr);
    const findings = findingsOf(result.stdout);
    const lodash = findings.filter((f) => f.package.name === "lodash");
    assert.deepEqual(lodash.map((f) => `${f.id} ${f.package.path}`).sort(), [
      "NSWG-ECO-516 /app/node_modules/lodash/package.json",
      "NSWG-ECO-516 /app/package-lock.json",
    ]);
    assert.ok(
      lodash.every((f) => f.fixedVersions[0] === "4.17.19" && f.package.layerDigest?.startsWith("sha256:")),
    );
    const debian = findings.filter((f) => f.package.ecosystem === "Debian:12");
    // prototypejs's CVE-2008-7220 is tracked for stretch, buster…, not bookworm: nothing for Debian 12.
    assert.deepEqual(
      debian.map((f) => `${f.package.name} ${f.id} ${f.aliases.join(",")}`),
      ["libsope1 CVE-2025-53603 DEBIAN-CVE-2025-53603,DSA-5970-1"],
    );
    assert.ok(!findings.some((f) => f.id === "GHSA-test-sope-npm"));
  });

  it("SBOM round trip: image → CycloneDX → sbom gives the same findings", () => {
    const bom = mamori(["image", image, "-f", "cyclonedx", "--no-store", ...ADVISORIES, "-o", "a.json"]);
    assert.equal(bom.code, 0, bom.stderr);
    const again = mamori([
      "sbom",
      "a.json",
      "-f",
      "json",
      "--no-store",
      ...ADVISORIES,
      "--advisories",
      join(work, "upstream.json"),
    ]);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(
      direct.stdout.startsWith("{"),
      `direct: ${direct.code} ${direct.stdout.slice(0, 200)} ${direct.stderr}`,
    );
    const a = findingsOf(direct.stdout).map(key).sort();
    assert.ok(a.length >= 3, a.join("\n"));
    assert.ok(again.stdout.startsWith("{"), `stdout: ${again.stdout.slice(0, 300)} stderr: ${again.stderr}`);
    assert.deepEqual(findingsOf(again.stdout).map(key).sort(), a);
  });

  it("imports advisories into the store, gates CI on severity and honours VEX", async () => {
    const imported = mamori(["db", "import", NPM, DEBIAN, "--data-dir", dataDir]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /npm\.jsonl: 467 advisories/);
    writeFileSync(
      join(work, "vex.json"),
      JSON.stringify({
        "@context": "https://openvex.dev/ns/v0.2.0",
        statements: [
          {
            vulnerability: { name: "NSWG-ECO-516" },
            products: [{ "@id": "pkg:npm/lodash@4.17.15" }],
            status: "not_affected",
            justification: "vulnerable_code_not_in_execute_path",
          },
          {
            vulnerability: { name: "CVE-2025-53603" },
            status: "not_affected",
            justification: "component_not_present",
          },
          {
            vulnerability: { name: "CVE-2008-7220" },
            status: "not_affected",
            justification: "inline_mitigations_already_exist",
          },
        ],
      }),
    );
    const gated = mamori(["image", image, "--data-dir", dataDir, "--fail-on", "medium"]);
    assert.equal(gated.code, 1, gated.stderr);
    assert.match(gated.stdout, /NSWG-ECO-516/);
    const muted = mamori(["image", image, "--data-dir", dataDir, "--vex", "vex.json", "-f", "json"]);
    assert.equal(muted.code, 0, muted.stderr);
    const report = JSON.parse(muted.stdout) as { findings: JsonFinding[]; checks: { checkId: string }[] };
    assert.ok(report.findings.length >= 3);
    assert.ok(
      report.findings.every((f) => f.suppressed?.justification),
      "every vulnerability is muted with its justification",
    );
    // The image checks ran on the image configuration too (the test image sets no user, so it runs as root).
    assert.ok(report.checks.length > 0, "image checks reported");
    const store = await openStore({ dataDir });
    try {
      const vulns = (await store.listFindings({ limit: 100 })).filter((f) => f.checkId.startsWith("vuln."));
      assert.deepEqual([...new Set(vulns.map((f) => `${f.checkId} ${f.state}`))].sort(), [
        "vuln.CVE-2025-53603 muted",
        "vuln.NSWG-ECO-516 muted",
      ]);
      const feeds = await new AdvisoryStore(store.database).feeds();
      assert.deepEqual(feeds.map((f) => f.records).sort(), [15, 467]);
    } finally {
      await store.close();
    }
  });

  it("mamori fs: a project checkout's lockfile and node_modules give one finding per location", async () => {
    const project = join(work, "project");
    mkdirSync(join(project, "node_modules", "lodash"), { recursive: true });
    writeFileSync(join(project, "package-lock.json"), LOCK);
    writeFileSync(
      join(project, "node_modules", "lodash", "package.json"),
      JSON.stringify({ name: "lodash", version: "4.17.15" }),
    );
    // Assembled at run time so no token-shaped literal sits in the source.
    const token = `${"gh"}p_${"Zq3xW9vB7nM2kL5pR8tY1uI4oA6sD0fG3hJ7"}`;
    writeFileSync(join(project, ".env"), `GITHUB_TOKEN=${token}\n`);
    const scan = await scanFilesystem(project, { secrets: true });
    const extras = filesystemExtras(project, scan.secrets);
    assert.ok(
      extras.findings.some((f) => f.checkId.startsWith("secret.") && f.location?.file.endsWith(".env")),
    );
    assert.ok(
      extras.findings.every((f) => !f.message.includes(token)),
      "secrets are redacted",
    );
    const index = new MemoryAdvisoryIndex();
    for await (const record of readAdvisories(NPM)) index.add(record);
    const { findings } = await matchPackages(scan.packages, index);
    assert.deepEqual(findings.map((f) => `${f.id} ${f.package.path}`).sort(), [
      "NSWG-ECO-516 node_modules/lodash/package.json",
      "NSWG-ECO-516 package-lock.json",
    ]);
  });

  it("refuses bad input with one line and exit 2", () => {
    writeFileSync(
      join(work, "bad.json"),
      '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"purl": "pkg:"}]}',
    );
    for (const args of [
      ["sbom", "missing.json", "--no-store", ...ADVISORIES],
      ["fs", work, "--no-store", "--advisories", join(work, "bad.json")],
    ]) {
      const result = mamori(args);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
  });
});
