import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import yazl from "yazl";
import { convertNodeWg } from "./convert/nodejs-wg.js";
import { affects } from "./match.js";
import type { OsvRecord } from "./osv.js";
import { DEFAULT_LIMITS, readAdvisories, readZip } from "./sources.js";
import { compareSemver } from "./versions/index.js";

const dir = mkdtempSync(join(tmpdir(), "mamori-sources-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function collect(iterable: AsyncIterable<OsvRecord>): Promise<OsvRecord[]> {
  const out: OsvRecord[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

function writeZip(path: string, files: Record<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => parts.push(c));
    zip.outputStream.on("end", () => {
      writeFileSync(path, Buffer.concat(parts));
      resolve();
    });
    zip.outputStream.on("error", reject);
  });
}

describe("advisory sources", () => {
  it("names the file and line of a bad JSON Lines record", async () => {
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, '{"id": "A-1"}\n{not json}\n');
    await assert.rejects(collect(readAdvisories(file)), /bad\.jsonl:2: invalid JSON/);
  });

  it("refuses YAML aliases and documents of unknown shape", async () => {
    const yaml = join(dir, "secdb.yaml");
    writeFileSync(yaml, "distroversion: v3.19\nx: &a [1]\npackages: *a\n");
    await assert.rejects(collect(readAdvisories(yaml)), /secdb\.yaml: YAML aliases are not accepted/);
    const other = join(dir, "other.json");
    writeFileSync(other, '{"hello": "world"}');
    await assert.rejects(collect(readAdvisories(other)), /other\.json: not an OSV record/);
  });

  it("caps zip entry counts and entry sizes before inflating", async () => {
    const zip = join(dir, "all.zip");
    await writeZip(zip, { "A.json": JSON.stringify({ id: "A" }), "B.json": JSON.stringify({ id: "B" }) });
    assert.deepEqual(
      (await collect(readZip(zip))).map((r) => r.id),
      ["A", "B"],
    );
    await assert.rejects(
      collect(readZip(zip, { ...DEFAULT_LIMITS, maxZipEntries: 1 })),
      /2 entries is over the 1-entry limit/,
    );
    await assert.rejects(
      collect(readZip(zip, { ...DEFAULT_LIMITS, maxFileBytes: 5 })),
      /all\.zip!A\.json: \d+ bytes is over the per-entry limit/,
    );
  });

  it("names the line of a DSA list that does not start with a DSA header", async () => {
    const list = join(dir, "list");
    writeFileSync(list, "[01 Aug 2002] DSA-141 mpack - buffer overflow\n\tjunk line\n");
    assert.equal((await collect(readAdvisories(list)))[0]?.id, "DSA-141");
    writeFileSync(list, "hello\n");
    await assert.rejects(collect(readAdvisories(list)), /unknown advisory format/);
  });
});

describe("npm security WG conversion", () => {
  const base = { id: 9, module_name: "demo", cves: ["CVE-2020-0001"], patched_versions: ">=2.0.3" };
  it("writes exact ranges as SEMVER events", () => {
    const r = convertNodeWg({ ...base, vulnerable_versions: "<=1.5.1 || >=2.0.0 <2.0.3" }, "npm.jsonl:1");
    assert.equal(r.id, "NSWG-ECO-9");
    assert.deepEqual(r.aliases, ["CVE-2020-0001"]);
    assert.deepEqual(r.affected?.[0]?.ranges, [
      { type: "SEMVER", events: [{ introduced: "0" }, { last_affected: "1.5.1" }] },
      { type: "SEMVER", events: [{ introduced: "2.0.0" }, { fixed: "2.0.3" }] },
    ]);
  });
  it("keeps other node-semver ranges verbatim and matches them with node-semver", () => {
    const r = convertNodeWg({ ...base, vulnerable_versions: ">1.2.3 <2.0.0" }, "npm.jsonl:2");
    const affected = r.affected?.[0];
    assert.ok(affected && !affected.ranges);
    assert.equal(affects(affected, "1.2.3", compareSemver), undefined);
    assert.deepEqual(affects(affected, "1.2.4", compareSemver)?.fixed, ["2.0.3"]);
  });
  it("refuses a range that is not semver, naming the advisory", () => {
    assert.throws(
      () => convertNodeWg({ ...base, vulnerable_versions: "not a range!" }, "npm.jsonl:3"),
      /npm\.jsonl:3: npm advisory 9 field vulnerable_versions/,
    );
  });
});
