import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Package } from "../../model/index.js";
import { VulnInputError } from "../errors.js";
import type { VulnFinding } from "../match.js";
import { writeCycloneDx } from "./cyclonedx.js";
import { packageFromPurl } from "./purl.js";
import { readSbom } from "./read.js";
import { writeSpdx } from "./spdx.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const require = createRequire(import.meta.url);
const SCHEMAS = join(dirname(require.resolve("@cyclonedx/cyclonedx-library/package.json")), "res", "schema");
const TOOL = { name: "Mamori", version: "0.1.0" };
const NOW = new Date("2025-01-02T03:04:05.678Z");

function cycloneDxValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const load = (file: string) =>
    JSON.parse(readFileSync(join(SCHEMAS, file), "utf8")) as Record<string, unknown>;
  // bom-1.6 refers to its neighbours by their SNAPSHOT file names.
  ajv.addSchema({
    ...load("spdx.SNAPSHOT.schema.json"),
    $id: "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json",
  });
  ajv.addSchema({
    ...load("jsf-0.82.SNAPSHOT.schema.json"),
    $id: "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json",
  });
  return ajv.compile(load("bom-1.6.SNAPSHOT.schema.json"));
}

const PACKAGES: Package[] = [
  {
    purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12",
    name: "libssl3",
    version: "3.0.11-1~deb12u2",
    ecosystem: "Debian:12",
    sourceName: "openssl",
    sourceVersion: "3.0.11-1~deb12u2",
    path: "/var/lib/dpkg/status",
    layerDigest: "sha256:aaaa",
  },
  {
    purl: "pkg:npm/lodash@4.17.15",
    name: "lodash",
    version: "4.17.15",
    ecosystem: "npm",
    path: "/app/package-lock.json",
    layerDigest: "sha256:bbbb",
  },
  {
    purl: "pkg:npm/lodash@4.17.15",
    name: "lodash",
    version: "4.17.15",
    ecosystem: "npm",
    path: "/app/node_modules/lodash/package.json",
    layerDigest: "sha256:bbbb",
  },
  {
    purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
    name: "org.apache.logging.log4j:log4j-core",
    version: "2.14.1",
    ecosystem: "Maven",
    path: "/app/lib/app.jar",
    licenses: ["Apache-2.0"],
  },
];

const FINDINGS: VulnFinding[] = [
  {
    id: "CVE-2021-44228",
    aliases: ["GHSA-jfh8-c2jp-5v3q"],
    advisoryIds: ["GHSA-jfh8-c2jp-5v3q"],
    package: PACKAGES[3] as Package,
    installedVersion: "2.14.1",
    fixedVersions: ["2.15.0"],
    fixState: "fixed",
    severity: "critical",
    severitySource: "CVSS_V3",
    score: 10,
    vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
    summary: "Remote code injection in Log4j",
  },
  {
    id: "NSWG-ECO-516",
    aliases: [],
    advisoryIds: ["NSWG-ECO-516"],
    package: PACKAGES[1] as Package,
    installedVersion: "4.17.15",
    fixedVersions: ["4.17.19"],
    fixState: "fixed",
    severity: "medium",
    suppressed: {
      status: "not_affected",
      justification: "vulnerable_code_not_in_execute_path",
      source: "OpenVEX vex.json",
    },
  },
];

describe("CycloneDX 1.6 output", () => {
  it("validates against the CycloneDX 1.6 JSON schema, with vulnerabilities and VEX analysis", () => {
    const text = writeCycloneDx({ name: "registry.example/app:1", type: "container" }, PACKAGES, FINDINGS, {
      tool: TOOL,
      now: NOW,
      serial: "3e671687-395b-41f5-a30f-a58921a69b79",
    });
    const validate = cycloneDxValidator();
    const valid = (doc: unknown): boolean => validate(doc);
    const bom = JSON.parse(text) as {
      components: unknown[];
      vulnerabilities: { ratings: { method: string; severity: string }[]; analysis?: { state: string } }[];
    };
    assert.ok(valid(bom), JSON.stringify(validate.errors?.slice(0, 5)));
    assert.equal(bom.components.length, 4, "the same purl at two paths stays two components");
    assert.equal(bom.vulnerabilities[0]?.ratings[0]?.method, "CVSSv31");
    assert.equal(bom.vulnerabilities[1]?.analysis?.state, "not_affected");
    // The validator does reject what the schema forbids.
    const rating = bom.vulnerabilities[0]?.ratings[0];
    if (rating) rating.severity = "catastrophic";
    assert.equal(valid(bom), false);
  });

  it("reads back the same packages (purl, ecosystem, path, layer, source package)", () => {
    const text = writeCycloneDx({ name: "app", type: "container" }, PACKAGES, [], { tool: TOOL, now: NOW });
    const read = readSbom(JSON.parse(text), "a.json");
    assert.equal(read.format, "cyclonedx");
    assert.equal(read.subject, "app");
    assert.deepEqual(
      read.packages.map(({ licenses: _, distro: __, ...p }) => p),
      PACKAGES.map(({ licenses: _, ...p }) => p),
    );
    assert.deepEqual(read.skipped, []);
  });
});

describe("SPDX 2.3 output", () => {
  it("writes the fields SPDX 2.3 requires and reads back purls, paths and source packages", () => {
    const text = writeSpdx({ name: "app", type: "container" }, PACKAGES, {
      tool: TOOL,
      now: NOW,
      serial: "x",
    });
    const doc = JSON.parse(text);
    assert.equal(doc.spdxVersion, "SPDX-2.3");
    assert.equal(doc.dataLicense, "CC0-1.0");
    assert.equal(doc.SPDXID, "SPDXRef-DOCUMENT");
    assert.match(doc.creationInfo.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(doc.documentNamespace, /^https:\/\/[^#]+$/);
    for (const p of doc.packages) {
      assert.match(p.SPDXID, /^SPDXRef-[A-Za-z0-9.-]+$/);
      for (const field of ["name", "downloadLocation", "versionInfo"])
        assert.equal(typeof p[field], "string", field);
    }
    assert.equal(new Set(doc.packages.map((p: { SPDXID: string }) => p.SPDXID)).size, 4);
    assert.equal(doc.relationships.length, 4);
    const read = readSbom(doc, "s.json");
    assert.deepEqual(
      read.packages.map((p) => [p.purl, p.ecosystem, p.path, p.sourceName]),
      PACKAGES.map((p) => [p.purl, p.ecosystem, p.path, p.sourceName]),
    );
  });
});

describe("SBOM input", () => {
  it("reads nested CycloneDX components and names those without a purl", () => {
    const read = readSbom(
      {
        bomFormat: "CycloneDX",
        specVersion: "1.5",
        components: [
          { name: "app", components: [{ name: "qs", version: "6.5.2", purl: "pkg:npm/qs@6.5.2" }] },
        ],
      },
      "b.json",
    );
    assert.deepEqual(
      read.packages.map((p) => [p.name, p.version, p.ecosystem, p.path]),
      [["qs", "6.5.2", "npm", "b.json"]],
    );
    assert.deepEqual(read.skipped, ["components[0] app: no purl"]);
  });

  it("refuses what it cannot read with the file and field named", () => {
    assert.throws(
      () => readSbom({ bomFormat: "CycloneDX", specVersion: "1.2" }, "old.json"),
      /old\.json: CycloneDX specVersion 1\.2 is not supported/,
    );
    assert.throws(
      () => readSbom({ spdxVersion: "SPDX-2.3", packages: {} }, "s.json"),
      /s\.json: SPDX field packages must be an array/,
    );
    assert.throws(() => readSbom([], "x.json"), VulnInputError);
    assert.throws(
      () =>
        readSbom(
          { bomFormat: "CycloneDX", specVersion: "1.6", components: [{ name: "x", purl: "not a purl" }] },
          "p.json",
        ),
      /p\.json: invalid purl "not a purl"/,
    );
  });
});

describe("purls", () => {
  const cases: [string, Partial<Package>][] = [
    ["pkg:npm/%40babel/core@7.0.0", { name: "@babel/core", ecosystem: "npm" }],
    [
      "pkg:maven/org.springframework/spring-core@5.3.0",
      { name: "org.springframework:spring-core", ecosystem: "Maven" },
    ],
    ["pkg:golang/github.com/gin-gonic/gin@v1.9.0", { name: "github.com/gin-gonic/gin", ecosystem: "Go" }],
    ["pkg:pypi/django@4.2", { name: "django", ecosystem: "PyPI" }],
    ["pkg:composer/laravel/framework@10.0.0", { name: "laravel/framework", ecosystem: "Packagist" }],
    ["pkg:deb/debian/libc6@2.36-9?distro=bookworm", { ecosystem: "Debian:12" }],
    ["pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1?distro=ubuntu-22.04", { ecosystem: "Ubuntu:22.04" }],
    [
      "pkg:apk/alpine/libcrypto3@3.1.4-r5?distro=3.19.1&upstream=openssl",
      { ecosystem: "Alpine:v3.19", sourceName: "openssl" },
    ],
    [
      "pkg:rpm/rocky/bash@5.1.8-6.el9?epoch=1&distro=rocky-9.3",
      { ecosystem: "Rocky Linux:9", version: "1:5.1.8-6.el9" },
    ],
  ];
  for (const [purl, want] of cases) {
    it(purl, () => {
      const pkg = packageFromPurl(purl, "f");
      for (const [k, v] of Object.entries(want)) assert.equal(pkg[k as keyof Package], v, k);
    });
  }
});
