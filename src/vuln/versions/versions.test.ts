import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type Comparator, comparatorFor, comparatorForScheme, type VersionScheme } from "./index.js";

const FIXTURES = fileURLToPath(new URL("../../../../shared/vulndata/version-fixtures/", import.meta.url));

const SCHEME_OF_FILE: Record<string, VersionScheme> = {
  alpine: "apk",
  cran: "cran",
  debian: "dpkg",
  hackage: "hackage",
  maven: "maven",
  nuget: "nuget",
  packagist: "composer",
  pub: "pub",
  pypi: "pep440",
  redhat: "rpm",
  rubygems: "rubygems",
  semver: "semver",
};

const EXPECT: Record<string, number> = { "<": -1, "=": 0, ">": 1 };

function check(compare: Comparator, a: string, op: string, b: string): string | undefined {
  const want = EXPECT[op];
  const got = compare(a, b);
  const back = compare(b, a);
  if (got !== want || back !== -(want as number) + 0) return `${a} ${op} ${b}: got ${got}, reverse ${back}`;
  return undefined;
}

describe("version ordering vectors of ../shared/vulndata/version-fixtures", () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".txt"));
  it("covers every fixture file", () => {
    for (const file of files) assert.ok(SCHEME_OF_FILE[file.split("-")[0] ?? ""], `no scheme for ${file}`);
    assert.ok(files.length >= 19, `only ${files.length} fixture files`);
  });
  for (const file of files) {
    it(file, () => {
      const scheme = SCHEME_OF_FILE[file.split("-")[0] ?? ""] as VersionScheme;
      const compare = comparatorForScheme(scheme);
      const failures: string[] = [];
      let count = 0;
      for (const raw of readFileSync(join(FIXTURES, file), "utf8").split("\n")) {
        const line = raw.trim();
        if (!line || line.startsWith("#") || line.startsWith("//")) continue;
        const m = /^(\S+) ([<=>]) (\S+)$/.exec(line);
        assert.ok(m, `${file}: unreadable line ${JSON.stringify(line)}`);
        count++;
        const failure = check(compare, m[1] as string, m[2] as string, m[3] as string);
        if (failure) failures.push(failure);
      }
      assert.ok(count > 0);
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${count} vectors fail`);
    });
  }
});

describe("comparatorFor", () => {
  it("picks the scheme from the OSV ecosystem name", () => {
    assert.equal(comparatorFor("Debian:12")?.("1.0~rc1", "1.0"), -1);
    assert.equal(comparatorFor("Alpine:v3.19")?.("1.2_rc1", "1.2"), -1);
    assert.equal(comparatorFor("npm")?.("4.17.15", "4.17.19"), -1);
    assert.equal(comparatorFor("Unknown"), undefined);
  });
  it("orders Go pseudo-versions and +incompatible", () => {
    const go = comparatorFor("Go") as Comparator;
    assert.equal(go("v0.0.0-20210101000000-abcdef123456", "v0.0.1"), -1);
    assert.equal(go("v0.0.0-20210101000000-abcdef123456", "v0.0.0-20220101000000-abcdef123456"), -1);
    assert.equal(go("v2.0.0+incompatible", "v2.0.0"), 0);
    assert.equal(go("v2.1.0+incompatible", "v2.0.9"), 1);
  });
  it("orders dpkg epochs, revisions and tildes", () => {
    const deb = comparatorFor("Debian:12") as Comparator;
    assert.equal(deb("1:1.0", "2.0"), 1);
    assert.equal(deb("3.0.11-1~deb12u2", "3.0.11-1"), -1);
    assert.equal(deb("3.0.11-1~deb12u2", "3.0.11-1~deb12u1"), 1);
  });
  it("orders rpm epochs and releases", () => {
    const rpm = comparatorFor("AlmaLinux:9") as Comparator;
    assert.equal(rpm("1:1.0-1.el9", "2.0-1.el9"), 1);
    assert.equal(rpm("1.0-2.el9", "1.0-10.el9"), -1);
    assert.equal(rpm("1.0~rc1-1", "1.0-1"), -1);
  });
});
