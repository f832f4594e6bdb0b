import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ExtractError } from "../types.js";
import { dpkgExtractor, dpkgPackages, parseSourceField } from "./dpkg.js";

// Real status files from osv-scalibr's test data (see ../shared/vulndata/README.md).
const FIXTURES = new URL("../../../../../shared/vulndata/pkgdb-fixtures/dpkg/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");

describe("dpkg", () => {
  it("reads every installed package of a real status file", () => {
    const found = dpkgPackages(read("valid"), "status");
    assert.equal(found.length, 7);
    assert.deepEqual(found[0], {
      type: "deb",
      name: "accountsservice",
      version: "22.08.8-6",
      arch: "amd64",
      sourceName: "accountsservice",
      sourceVersion: "22.08.8-6",
    });
  });

  it("takes the source package and its version from Source:", () => {
    const found = dpkgPackages(read("transitional_dummy"), "status");
    assert.equal(found[0]?.name, "git-core");
    assert.equal(found[0]?.sourceName, "git");
    assert.equal(found[0]?.sourceVersion, "1:2.14.2-1");
    assert.deepEqual(parseSourceField("openssl (3.0.11-1~deb12u2)", "3.0.11-1~deb12u2+b1"), {
      name: "openssl",
      version: "3.0.11-1~deb12u2",
    });
  });

  it("keeps only packages whose state is installed", () => {
    const names = dpkgPackages(read("statusfield"), "status").map((p) => p.name);
    assert.deepEqual(names, [
      "wantinstall_installed",
      "wantdeinstall_installed",
      "wantpurge_installed",
      "wantnostatus",
    ]);
  });

  it("skips stanzas without Package or Version and tolerates trailing blank lines", () => {
    assert.deepEqual(
      dpkgPackages(read("nopackage"), "status").map((p) => p.name),
      ["foo", "bar"],
    );
    assert.deepEqual(
      dpkgPackages(read("noversion"), "status").map((p) => p.name),
      ["foo", "bar"],
    );
    assert.equal(dpkgPackages(read("trailingnewlines"), "status").length, 1);
    assert.equal(dpkgPackages(read("empty"), "status").length, 0);
  });

  it("reads distroless status.d files and ignores their md5sums", () => {
    assert.deepEqual(
      dpkgPackages(read("status.d/foo"), "status.d/foo").map((p) => p.name),
      ["foo"],
    );
    assert.equal(dpkgExtractor.wants({ path: "/var/lib/dpkg/status.d/foo", size: 1, mode: 0o644 }), true);
    assert.equal(
      dpkgExtractor.wants({ path: "/var/lib/dpkg/status.d/foo.md5sums", size: 1, mode: 0o644 }),
      false,
    );
    assert.equal(dpkgExtractor.wants({ path: "/var/lib/dpkg/status-old", size: 1, mode: 0o644 }), false);
  });

  it("names the line of malformed input", () => {
    assert.throws(
      () => dpkgPackages(read("invalid"), "/var/lib/dpkg/status"),
      (e: Error) => {
        return (
          e instanceof ExtractError &&
          e.message === '/var/lib/dpkg/status:1: expected "Field: value", got "asdf"'
        );
      },
    );
  });
});
