import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { EXTRACTOR_MODULES } from "./extractors/index.js";
import { detectOs, EXTRACTORS, extractFile, osEcosystem, toPackage } from "./index.js";
import { parseOsRelease } from "./os-release.js";
import { formatPurl } from "./purl.js";

describe("extractor registry", () => {
  it("lists every extractor module of the folder", () => {
    const helpers = new Set(["elf", "index", "json-util", "rpm-bdb", "rpm-header", "rpm-ndb"]);
    const modules = readdirSync(new URL("./extractors/", import.meta.url))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => f.slice(0, -3))
      .filter((m) => !helpers.has(m))
      .sort();
    assert.deepEqual(Object.keys(EXTRACTOR_MODULES).sort(), modules);
    const names = EXTRACTORS.map((e) => e.name);
    assert.equal(new Set(names).size, names.length, "extractor names are unique");
  });

  it("turns malformed files into warnings naming the file", async () => {
    const lock = EXTRACTORS.filter((e) => e.name === "npm-lock");
    const result = await extractFile(
      { path: "/app/package-lock.json", size: 1, mode: 0o644, content: Buffer.from("{") },
      lock,
    );
    assert.deepEqual(result.found, []);
    assert.match(result.warnings[0] ?? "", /^\/app\/package-lock.json: invalid JSON/);
  });
});

describe("purl and ecosystems", () => {
  it("formats purls per the spec", () => {
    assert.equal(
      formatPurl({ type: "npm", namespace: "@babel", name: "core", version: "7.0.0" }),
      "pkg:npm/%40babel/core@7.0.0",
    );
    assert.equal(
      formatPurl({
        type: "maven",
        namespace: "org.apache.logging.log4j",
        name: "log4j-core",
        version: "2.14.1",
      }),
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
    );
    assert.equal(
      formatPurl({
        type: "deb",
        namespace: "debian",
        name: "curl",
        version: "7.88.1-10+deb12u5",
        qualifiers: { distro: "debian-12", arch: "amd64" },
      }),
      "pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5?arch=amd64&distro=debian-12",
    );
  });

  it("names OSV ecosystems from os-release", () => {
    const ubuntu = parseOsRelease(
      'NAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nID_LIKE=debian\nVERSION_CODENAME=jammy\n',
    );
    assert.equal(osEcosystem("deb", ubuntu), "Ubuntu:22.04");
    assert.equal(osEcosystem("deb", { id: "debian", versionId: "12" }), "Debian:12");
    assert.equal(osEcosystem("apk", { id: "alpine", versionId: "3.19.1" }), "Alpine:v3.19");
    assert.equal(osEcosystem("rpm", { id: "rocky", versionId: "9.3" }), "Rocky Linux:9");
    assert.equal(osEcosystem("rpm", { id: "rhel", versionId: "9.3" }), "Red Hat");
    assert.equal(osEcosystem("deb", undefined), "Debian");
  });

  it("detects the distribution, with fallbacks", () => {
    assert.deepEqual(detectOs(new Map([["/etc/alpine-release", "3.18.4\n"]])), {
      id: "alpine",
      versionId: "3.18.4",
    });
    assert.deepEqual(
      detectOs(
        new Map([
          ["/etc/os-release", "ID=debian\nVERSION_CODENAME=trixie\n"],
          ["/etc/debian_version", "13.1\n"],
        ]),
      ),
      {
        id: "debian",
        versionId: "13",
        codename: "trixie",
      },
    );
    assert.equal(detectOs(new Map()), undefined);
  });

  it("builds rpm packages with the epoch in the version and the purl qualifier", () => {
    const pkg = toPackage(
      {
        type: "rpm",
        name: "bash",
        version: "5.1.8-6.el9",
        epoch: "1",
        arch: "x86_64",
        sourceName: "bash",
        sourceVersion: "5.1.8-6.el9",
      },
      { path: "/var/lib/rpm/rpmdb.sqlite", os: { id: "rhel", versionId: "9.3" } },
    );
    assert.equal(pkg.purl, "pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.3&epoch=1");
    assert.equal(pkg.version, "1:5.1.8-6.el9");
    assert.equal(pkg.ecosystem, "Red Hat");
  });
});
