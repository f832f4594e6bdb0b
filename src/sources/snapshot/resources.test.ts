import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readResourceSnapshot, type SnapshotItem } from "./resources.js";

const dir = mkdtempSync(join(tmpdir(), "mamori-snapshot-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const collect = async (file: string) => {
  const items: SnapshotItem[] = [];
  for await (const item of readResourceSnapshot(file)) items.push(item);
  return items;
};
const good = { type: "aws.s3.bucket", id: "arn:aws:s3:::a", provider: "aws", properties: { x: 1 } };

describe("readResourceSnapshot", () => {
  it("reads a JSON array, a resources object, YAML and JSON Lines", async () => {
    for (const [name, text] of [
      ["a.json", JSON.stringify([good])],
      ["b.json", JSON.stringify({ resources: [good] })],
      ["c.yaml", "- type: aws.s3.bucket\n  id: arn:aws:s3:::a\n  provider: aws\n  properties: {x: 1}\n"],
      ["d.jsonl", `${JSON.stringify(good)}\n\n`],
    ] as const) {
      const items = await collect(write(name, text));
      assert.equal(items.length, 1, name);
      const item = items[0];
      assert.ok(item && "resource" in item, name);
      assert.equal(item.resource.name, "arn:aws:s3:::a");
      assert.deepEqual(item.resource.tags, {});
      assert.equal(item.resource.provenance.kind, "snapshot");
    }
  });

  it("reports an invalid entry by field and keeps the others", async () => {
    const items = await collect(write("mixed.json", JSON.stringify([good, { ...good, provider: "ibm" }])));
    assert.ok(items[0] && "resource" in items[0]);
    assert.deepEqual(items[1], {
      error: {
        source: join(dir, "mixed.json"),
        message: "resources[1].provider must be one of aws, azure, gcp, kubernetes, docker, generic",
      },
    });
  });

  it("gives line and column of a JSON syntax error", async () => {
    await assert.rejects(collect(write("bad.json", '[\n  {"type": "aws.s3.bucket",\n  oops}\n]')), {
      name: "SnapshotError",
      message: /bad\.json: 3:3: invalid JSON/,
    });
  });

  it("reports JSON Lines errors by line and goes on", async () => {
    const items = await collect(write("e.jsonl", `{broken\n${JSON.stringify(good)}\n`));
    assert.equal(items.length, 2);
    assert.ok(items[0] && "error" in items[0] && items[0].error.line === 1);
    assert.ok(items[1] && "resource" in items[1]);
  });

  it("names a missing file and refuses YAML alias bombs", async () => {
    await assert.rejects(collect(join(dir, "missing.json")), {
      message: /missing\.json: cannot read \(ENOENT\)/,
    });
    const bomb = [
      "a: &a [x,x,x,x,x,x,x,x,x,x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(",")}]`,
      ),
    ].join("\n");
    await assert.rejects(collect(write("bomb.yaml", bomb)), { name: "SnapshotError" });
  });
});
