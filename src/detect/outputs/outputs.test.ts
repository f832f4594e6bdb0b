/**
 * Outputs against real receivers: local HTTP servers that check the wire format (webhook,
 * Slack, Splunk HEC, Elasticsearch _bulk), a real rsyslogd (UDP, TCP), a TLS syslog listener,
 * and the NATS server at 127.0.0.1:4222.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createServer as createTlsServer } from "node:tls";
import { type Rsyslog, startRsyslog } from "../testing/rsyslog.js";
import type { Alert } from "../types.js";
import { cef } from "./format.js";
import { buildOutput, loadOutputConfig, OutputConfigError } from "./index.js";

const alert = (over: Partial<Alert> = {}): Alert => ({
  rule: "AWS CloudTrail Trail Stopped Or Deleted",
  priority: "CRITICAL",
  time: "2026-03-01T12:00:00.000Z",
  output: "CloudTrail trail stopped (trail=main user=alice)",
  source: "aws_cloudtrail",
  tags: ["aws", "T1562.008"],
  fields: { "ct.user": "alice", "ct.request.name": "main", "ct.error": null },
  eventId: "evt-1",
  ...over,
});

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A local HTTP server that records requests; `status` decides each answer. */
async function receiver(status: (n: number, r: Received) => [number, string] = () => [200, "{}"]) {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const r = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      requests.push(r);
      const [code, text] = status(requests.length, r);
      res.writeHead(code, { "content-type": "application/json" }).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const quick = { flushMs: 0, backoffMs: 5 };

describe("HTTP outputs", () => {
  it("webhook: one POST per alert in Falco's JSON shape", async () => {
    const server = await receiver();
    const out = await buildOutput(
      { type: "webhook", url: `${server.url}/hook`, headers: { "x-token": "t" }, ...quick },
      0,
      "1.0.0",
    );
    out.publish(alert());
    out.publish(alert({ rule: "Other", priority: "NOTICE" }));
    await out.close();
    await server.close();
    assert.equal(server.requests.length, 2);
    const [first] = server.requests;
    assert.equal(first?.method, "POST");
    assert.equal(first?.url, "/hook");
    assert.equal(first?.headers["content-type"], "application/json");
    assert.equal(first?.headers["x-token"], "t");
    const body = JSON.parse(first?.body ?? "{}");
    assert.equal(body.rule, "AWS CloudTrail Trail Stopped Or Deleted");
    assert.equal(body.priority, "Critical");
    assert.equal(body.output_fields["ct.user"], "alice");
    assert.deepEqual(body.tags, ["aws", "T1562.008"]);
    assert.equal(body.source, "aws_cloudtrail");
    assert.deepEqual(out.counters, { sent: 2, failed: 0, dropped: 0, filtered: 0, retries: 0 });
  });

  it("retries with backoff, then counts failures", async () => {
    const flaky = await receiver((n) => (n === 1 ? [503, "busy"] : [200, "{}"]));
    const out = await buildOutput({ type: "webhook", url: flaky.url, retries: 2, ...quick }, 0, "1");
    out.publish(alert());
    await out.close();
    assert.equal(flaky.requests.length, 2);
    assert.equal(out.counters.sent, 1);
    assert.equal(out.counters.retries, 1);
    await flaky.close();

    const down = await receiver(() => [500, "no"]);
    const failing = await buildOutput({ type: "webhook", url: down.url, retries: 1, ...quick }, 0, "1");
    failing.publish(alert());
    await failing.close();
    assert.equal(down.requests.length, 2);
    assert.equal(failing.counters.failed, 1);
    assert.match(failing.lastError ?? "", /HTTP 500/);
    await down.close();
  });

  it("bounded queue drops (and counts) what does not fit; filters by priority, tags, rules, sources", async () => {
    const server = await receiver();
    const out = await buildOutput({ type: "webhook", url: server.url, maxQueue: 2, ...quick }, 0, "1");
    for (let i = 0; i < 5; i++) out.publish(alert({ eventId: `e${i}` }));
    await out.close();
    assert.equal(out.counters.sent, 2);
    assert.equal(out.counters.dropped, 3);

    const filtered = await buildOutput(
      {
        type: "webhook",
        url: server.url,
        minPriority: "error",
        tags: ["aws"],
        sources: ["aws_cloudtrail"],
        ...quick,
      },
      1,
      "1",
    );
    filtered.publish(alert({ priority: "WARNING" }));
    filtered.publish(alert({ tags: ["gcp"] }));
    filtered.publish(alert({ source: "k8s_audit" }));
    filtered.publish(alert());
    await filtered.close();
    assert.equal(filtered.counters.sent, 1);
    assert.equal(filtered.counters.filtered, 3);
    const byRule = await buildOutput(
      { type: "webhook", url: server.url, rules: ["Other"], ...quick },
      2,
      "1",
    );
    byRule.publish(alert());
    await byRule.close();
    assert.equal(byRule.counters.filtered, 1);
    await server.close();
  });

  it("Slack incoming webhook: text and a coloured attachment", async () => {
    const server = await receiver(() => [200, "ok"]);
    const out = await buildOutput({ type: "slack", url: `${server.url}/services/T/B/X`, ...quick }, 0, "1");
    out.publish(alert());
    await out.close();
    await server.close();
    const body = JSON.parse(server.requests[0]?.body ?? "{}");
    assert.equal(body.text, "[CRITICAL] AWS CloudTrail Trail Stopped Or Deleted");
    assert.equal(body.attachments[0].text, "CloudTrail trail stopped (trail=main user=alice)");
    assert.equal(body.attachments[0].color, "#ff9000");
  });

  it("Splunk HEC: token header and one event object per alert, batched", async () => {
    const server = await receiver(() => [200, '{"text":"Success","code":0}']);
    const out = await buildOutput(
      { type: "splunk", url: server.url, token: "abc-123", index: "sec", batchSize: 10, ...quick },
      0,
      "1",
    );
    out.publish(alert());
    out.publish(alert({ eventId: "evt-2" }));
    await out.close();
    await server.close();
    assert.equal(server.requests.length, 1);
    const r = server.requests[0];
    assert.equal(r?.url, "/services/collector/event");
    assert.equal(r?.headers.authorization, "Splunk abc-123");
    const events = (r?.body ?? "").split("\n").map((l) => JSON.parse(l));
    assert.equal(events.length, 2);
    assert.equal(events[0].time, Date.parse("2026-03-01T12:00:00.000Z") / 1000);
    assert.equal(events[0].index, "sec");
    assert.equal(events[0].sourcetype, "mamori:alert");
    assert.equal(events[1].event.event_id, "evt-2");
  });

  it("Elasticsearch _bulk: NDJSON create actions with ECS documents; item errors fail the batch", async () => {
    const server = await receiver((n) =>
      n === 1 ? [200, '{"errors":false,"items":[]}'] : [200, '{"errors":true,"items":[]}'],
    );
    const out = await buildOutput(
      { type: "elasticsearch", url: server.url, index: "alerts", batchSize: 10, retries: 0, ...quick },
      0,
      "1",
    );
    out.publish(alert({ attribution: { author: "Jane", license: "DRL-1.1", id: "uuid-1" } }));
    await out.flush();
    out.publish(alert());
    await out.close();
    await server.close();
    const r = server.requests[0];
    assert.equal(r?.url, "/_bulk");
    assert.equal(r?.headers["content-type"], "application/x-ndjson");
    assert.ok(r?.body.endsWith("\n"));
    const [action, doc] = (r?.body ?? "")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(action, { create: { _index: "alerts" } });
    assert.equal(doc["@timestamp"], "2026-03-01T12:00:00.000Z");
    assert.equal(doc.event.kind, "alert");
    assert.equal(doc.event.severity, 80);
    assert.equal(doc.event.id, "evt-1");
    assert.equal(doc.rule.name, "AWS CloudTrail Trail Stopped Or Deleted");
    assert.deepEqual(doc.rule.author, ["Jane"]);
    assert.equal(doc.rule.license, "DRL-1.1");
    assert.equal(doc.message, "CloudTrail trail stopped (trail=main user=alice)");
    assert.equal(doc.mamori.fields.ct_user, "alice");
    assert.equal(out.counters.sent, 1);
    assert.equal(out.counters.failed, 1);
  });
});

describe("syslog to a real rsyslogd", () => {
  let rsyslog: Rsyslog;
  before(async () => {
    rsyslog = await startRsyslog();
  });
  after(async () => {
    await rsyslog.stop();
  });

  it("RFC 5424 over UDP and TCP (octet counting), JSON and CEF bodies", async () => {
    const udp = await buildOutput(
      { type: "syslog", host: "127.0.0.1", port: rsyslog.udpPort, protocol: "udp", ...quick },
      0,
      "1.2.3",
    );
    udp.publish(alert());
    await udp.close();
    const tcp = await buildOutput(
      {
        type: "syslog",
        host: "127.0.0.1",
        port: rsyslog.tcpPort,
        protocol: "tcp",
        format: "cef",
        batchSize: 5,
        ...quick,
      },
      1,
      "1.2.3",
    );
    tcp.publish(alert({ priority: "WARNING", output: "a=b | c\\d" }));
    tcp.publish(alert({ priority: "NOTICE" }));
    await tcp.close();
    const lines = await rsyslog.waitFor(3);
    assert.equal(lines.length, 3, lines.join("\n"));
    const json = lines.find((l) => l.includes("{"));
    const [severity, app, msgid, sd, ...msg] = (json ?? "").split("|");
    assert.equal(severity, "2");
    assert.equal(app, "mamori");
    assert.equal(msgid, "aws_cloudtrail");
    assert.equal(sd, '[mamori@32473 rule="AWS CloudTrail Trail Stopped Or Deleted" priority="CRITICAL"]');
    assert.equal(JSON.parse(msg.join("|")).rule, "AWS CloudTrail Trail Stopped Or Deleted");
    const cefLines = lines.filter((l) => l.includes("CEF:0"));
    assert.equal(cefLines.length, 2);
    assert.ok(
      cefLines.some(
        (l) =>
          l.startsWith("4|") &&
          l.includes(
            "CEF:0|Mamori|Mamori|1.2.3|AWS CloudTrail Trail Stopped Or Deleted|AWS CloudTrail Trail Stopped Or Deleted|5|",
          ),
      ),
    );
    assert.ok(cefLines.some((l) => l.includes("msg=a\\=b | c\\\\d")));
    assert.ok(cefLines.some((l) => l.startsWith("5|")));
    assert.equal(udp.counters.sent + tcp.counters.sent, 3);
  });
});

describe("syslog over TLS", () => {
  it("sends octet-counted RFC 5424 frames to a TLS listener that checks the CA", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    let received = "";
    const server = createTlsServer(
      { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
      (socket) => {
        socket.on("data", (d) => (received += String(d)));
      },
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const out = await buildOutput(
      { type: "syslog", host: "127.0.0.1", port, protocol: "tls", ca: join(dir, "cert.pem"), ...quick },
      0,
      "1",
    );
    out.publish(alert());
    await out.close();
    for (let i = 0; i < 100 && !received.includes("CloudTrail"); i++)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise<void>((r) => server.close(() => r()));
    const m = /^(\d+) (<\d+>1 .*)$/s.exec(received);
    assert.ok(m, received);
    assert.equal(Number(m[1]), Buffer.byteLength(m[2] ?? ""));
    assert.ok(m[2]?.startsWith("<130>1 2026-03-01T12:00:00.000Z "));
    assert.equal(out.counters.sent, 1);
  });
});

describe("NATS", () => {
  it("publishes each alert as JSON on the subject", async () => {
    const { connect, StringCodec } = await import("nats");
    const nc = await connect({ servers: "nats://127.0.0.1:4222" });
    const subject = `mamori.test.${process.pid}.${Date.now()}`;
    const sub = nc.subscribe(subject, { max: 1 });
    const got = (async () => {
      for await (const m of sub) return JSON.parse(StringCodec().decode(m.data));
    })();
    await nc.flush();
    const out = await buildOutput(
      { type: "nats", servers: ["nats://127.0.0.1:4222"], subject, ...quick },
      0,
      "1",
    );
    out.publish(alert());
    await out.close();
    const message = await got;
    await nc.close();
    assert.equal(message.rule, "AWS CloudTrail Trail Stopped Or Deleted");
    assert.equal(message.output_fields["ct.user"], "alice");
  });
});

describe("output config", () => {
  it("reads YAML, expands environment variables, writes JSON lines to a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-out-"));
    const file = join(dir, "alerts.jsonl");
    process.env.MAMORI_TEST_ALERT_FILE = file;
    writeFileSync(
      join(dir, "outputs.yaml"),
      `outputs:\n  - type: file\n    name: local\n    path: $${"{"}MAMORI_TEST_ALERT_FILE}\n`,
    );
    const router = await loadOutputConfig(join(dir, "outputs.yaml"), "1");
    router.publish(alert());
    await router.close();
    const line = JSON.parse(readFileSync(file, "utf8").trim());
    assert.equal(line.rule, "AWS CloudTrail Trail Stopped Or Deleted");
    assert.equal(router.stats()[0]?.counters.sent, 1);
  });

  it("rejects bad config with the offending entry named", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-out-"));
    writeFileSync(join(dir, "bad.yaml"), "outputs:\n  - type: carrier-pigeon\n");
    await assert.rejects(
      loadOutputConfig(join(dir, "bad.yaml"), "1"),
      (e: Error) => e instanceof OutputConfigError && /outputs\[0\]: 'type'/.test(e.message),
    );
    writeFileSync(join(dir, "bad2.yaml"), "outputs:\n  - type: syslog\n    port: 99999\n");
    await assert.rejects(loadOutputConfig(join(dir, "bad2.yaml"), "1"), /port/);
  });

  it("CEF escapes header pipes and extension equals signs", () => {
    const line = cef(alert({ rule: "a|b", output: "x=y\nz" }), "1");
    assert.ok(line.startsWith("CEF:0|Mamori|Mamori|1|a\\|b|a\\|b|8|"));
    assert.ok(line.includes("msg=x\\=y\\nz"));
  });
});
