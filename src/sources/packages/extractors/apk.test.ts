import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { apkExtractor, apkPackages } from "./apk.js";

const FIXTURES = new URL("../../../../../shared/vulndata/pkgdb-fixtures/apk/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");

describe("apk", () => {
  it("reads a real Alpine 3.18 installed database with origins", () => {
    const found = apkPackages(read("installed"), "installed");
    assert.equal(found.length, 15); // the file holds 15 stanzas (its README says 14)
    const crypto = found.find((p) => p.name === "libcrypto3");
    assert.deepEqual(crypto, {
      type: "apk",
      name: "libcrypto3",
      version: "3.1.0-r4",
      arch: "x86_64",
      sourceName: "openssl",
      sourceVersion: "3.1.0-r4",
      licenses: ["Apache-2.0"],
    });
  });

  it("defaults the origin to the package itself", () => {
    const found = apkPackages(read("no-origin"), "installed");
    assert.ok(found.length > 0);
    for (const p of found) assert.equal(p.sourceName, p.name);
  });

  it("refuses lines that are not X:value", () => {
    assert.throws(
      () => apkPackages(read("invalid"), "/lib/apk/db/installed"),
      /installed:1: expected "X:value"/,
    );
    assert.equal(apkPackages(read("empty"), "installed").length, 0);
  });

  it("wants only the installed database", () => {
    assert.equal(apkExtractor.wants({ path: "/lib/apk/db/installed", size: 1, mode: 0o644 }), true);
    assert.equal(apkExtractor.wants({ path: "/lib/apk/db/triggers", size: 1, mode: 0o644 }), false);
  });
});
