import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { detectSource, EventFactory, isRecordError, type ReadItem, readBody, readInputs } from "./readers.js";

async function collect(items: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const record = (name: string) => ({
  eventName: name,
  eventSource: "s3.amazonaws.com",
  eventTime: "2026-01-01T00:00:00Z",
});

describe("event readers", () => {
  for (const [mode, whole] of [
    ["read whole", undefined],
    ["streamed", 0],
  ] as const)
    it(`reads a CloudTrail S3 tree: pretty-printed and gzipped Records files, in path order (${mode})`, async () => {
      const root = mkdtempSync(join(tmpdir(), "mamori-ct-"));
      const day = join(root, "AWSLogs", "111122223333", "CloudTrail", "us-east-1", "2026", "01", "01");
      mkdirSync(day, { recursive: true });
      writeFileSync(join(day, "a.json"), JSON.stringify({ Records: [record("A1"), record("A2")] }, null, 2));
      writeFileSync(join(day, "b.json.gz"), gzipSync(JSON.stringify({ Records: [record("B1")] })));
      writeFileSync(join(day, "notes.txt"), "ignored");
      const items = await collect(readInputs([root], undefined, new EventFactory(), whole));
      assert.deepEqual(
        items.map((i) => (isRecordError(i) ? i.error : `${i.source}:${i.raw.eventName}:${i.num}`)),
        ["aws_cloudtrail:A1:1", "aws_cloudtrail:A2:2", "aws_cloudtrail:B1:3"],
      );
    });

  for (const [mode, whole] of [
    ["read whole", undefined],
    ["streamed", 0],
  ] as const)
    it(`detects the source of each JSON line; bad lines are dropped with file:line (${mode})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "mamori-jl-"));
      const lines = [
        JSON.stringify({
          kind: "Event",
          apiVersion: "audit.k8s.io/v1",
          auditID: "x",
          verb: "get",
          stageTimestamp: "2026-01-01T00:00:00.5Z",
        }),
        JSON.stringify({ protoPayload: { methodName: "SetIamPolicy" }, timestamp: "2026-01-01T00:00:00Z" }),
        JSON.stringify({
          eventType: "user.account.lock",
          actor: { id: "u" },
          uuid: "1",
          published: "2026-01-01T00:00:00Z",
        }),
        JSON.stringify({ event: "repository", payload: { action: "created" } }),
        JSON.stringify({
          operationName: "MICROSOFT.KEYVAULT/VAULTS/DELETE",
          resourceId: "/subscriptions/x",
          time: "2026-01-01T00:00:00Z",
        }),
        JSON.stringify({
          rule: "Terminal shell in container",
          priority: "Notice",
          output: "x",
          output_fields: { "proc.name": "bash" },
          time: "2026-01-01T00:00:00Z",
          source: "syscall",
        }),
        "{not json",
        JSON.stringify({ hello: "world" }),
        "",
      ];
      writeFileSync(join(dir, "mixed.jsonl"), lines.join("\n"));
      const items = await collect(
        readInputs([join(dir, "mixed.jsonl")], undefined, new EventFactory(), whole),
      );
      const sources = items.filter((i) => !isRecordError(i)).map((i) => (isRecordError(i) ? "" : i.source));
      assert.deepEqual(sources, ["k8s_audit", "gcp_auditlog", "okta", "github", "azure_activity", "syscall"]);
      const errors = items.filter(isRecordError).map((e) => e.error);
      assert.equal(errors.length, 2);
      assert.match(errors[0] ?? "", /mixed\.jsonl:7: invalid JSON/);
      assert.match(errors[1] ?? "", /mixed\.jsonl:8: cannot tell the source/);
      const k8s = items[0];
      assert.ok(k8s && !isRecordError(k8s));
      assert.equal(k8s.timeMs, Date.parse("2026-01-01T00:00:00.5Z"));
    });

  it("--source forces the source; k8s EventList items are expanded", async () => {
    const body = JSON.stringify({ kind: "EventList", items: [{ verb: "get" }, { verb: "list" }] });
    const items = [...readBody(body, "k8s_audit", new EventFactory())];
    assert.deepEqual(
      items.map((i) => (isRecordError(i) ? "" : i.raw.verb)),
      ["get", "list"],
    );
    assert.equal(detectSource({ hello: 1 }), undefined);
  });

  it("a missing input is a clear error", async () => {
    await assert.rejects(collect(readInputs(["/no/such/file.json"], undefined)), /no such file or directory/);
  });

  it("a corrupt gzip file is a clear error naming the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-gz-"));
    writeFileSync(join(dir, "bad.json.gz"), Buffer.from("not gzip at all"));
    await assert.rejects(collect(readInputs([join(dir, "bad.json.gz")], undefined)), /bad\.json\.gz/);
    await assert.rejects(
      collect(readInputs([join(dir, "bad.json.gz")], undefined, new EventFactory(), 0)),
      /bad\.json\.gz/,
    );
  });

  it("refuses a gzip bomb (decompressed size capped)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-bomb-"));
    writeFileSync(join(dir, "bomb.json.gz"), gzipSync(Buffer.alloc(65 * 1024 * 1024, 32)));
    await assert.rejects(
      collect(readInputs([join(dir, "bomb.json.gz")], undefined)),
      /decompressed size exceeds/,
    );
  });
});
