/** Sigma rules compiled into the engine: the upstream SigmaHQ cloud rules, and modifier semantics. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { Engine } from "./engine.js";
import { RuleSet } from "./loader.js";
import { EventFactory } from "./readers.js";
import { compileSigmaRule, loadSigmaDir } from "./sigma.js";

const root = join(import.meta.dirname, "..", "..");
const SIGMA = join(root, "..", "shared", "upstream", "sigma");

function rule(yaml: string) {
  return compileSigmaRule(parse(yaml) as Record<string, unknown>, "t.yml");
}
const ev = (source: string, raw: Record<string, unknown>) => new EventFactory().make(source, raw);

describe("Sigma", () => {
  it("loads every upstream rule of the four supported log sources; the rest are skipped with a reason", () => {
    const report = loadSigmaDir(join(SIGMA, "rules"), SIGMA);
    assert.equal(report.total, 241);
    assert.equal(report.rules.length, 124);
    const bySource = new Map<string, number>();
    for (const r of report.rules) bySource.set(r.source, (bySource.get(r.source) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(bySource), {
      aws_cloudtrail: 57,
      azure_activity: 35,
      gcp_auditlog: 16,
      k8s_audit: 16,
    });
    assert.ok(report.skipped.every((s) => /^logsource .* has no Mamori source$/.test(s.reason)));
    assert.ok(report.rules.every((r) => r.attribution?.license === "DRL-1.1" && r.attribution.author));
  });

  it("upstream CloudTrail StopLogging rule fires with author and license in the alert", () => {
    const report = loadSigmaDir(join(SIGMA, "rules", "cloud", "aws", "cloudtrail"), SIGMA);
    const engine = Engine.fromRuleSet(new RuleSet(), report.rules);
    const alerts = engine.process(
      ev("aws_cloudtrail", {
        eventSource: "cloudtrail.amazonaws.com",
        eventName: "StopLogging",
        eventTime: "2026-01-01T00:00:00Z",
      }),
    );
    const hit = alerts.find((a) => /CloudTrail/i.test(a.rule));
    assert.ok(hit, alerts.map((a) => a.rule).join());
    assert.ok(hit.attribution?.author);
    assert.equal(hit.attribution?.license, "DRL-1.1");
    assert.match(hit.output, /author: .+; license: DRL-1.1/);
  });

  it("modifiers, wildcards, case-insensitivity and conditions", () => {
    const r = rule(`
title: t
author: me
logsource: { product: aws, service: cloudtrail }
detection:
  sel_name:
    eventName|startswith: 'delete'
  sel_src:
    eventSource:
      - 's3.*.com'
      - 'kms.amazonaws.com'
  sel_all:
    userAgent|contains|all: [aws, cli]
  filter:
    errorCode|exists: true
  condition: 1 of sel_* and not filter
level: high
`);
    const raw = { eventName: "DeleteBucket", eventSource: "s3.amazonaws.com", userAgent: "x" };
    assert.equal(r.predicate(ev("aws_cloudtrail", raw)), true);
    assert.equal(r.predicate(ev("aws_cloudtrail", { ...raw, errorCode: "AccessDenied" })), false);
    assert.equal(
      r.predicate(ev("aws_cloudtrail", { eventName: "Get", eventSource: "ec2", userAgent: "aws-cli/2" })),
      true,
    );
    assert.equal(
      r.predicate(ev("aws_cloudtrail", { eventName: "Get", eventSource: "ec2", userAgent: "aws" })),
      false,
    );
    assert.equal(r.priority, "ERROR");

    const all = rule(`
title: t
logsource: { product: kubernetes, service: audit }
detection:
  a: { verb: create }
  b: { objectRef.resource: [pods, deployments] }
  c: { requestURI|re: '^/api/v1/namespaces/[a-z]+/pods$' }
  d: { sourceIPs|cidr: 10.0.0.0/8 }
  condition: all of them
`);
    const k = {
      verb: "create",
      objectRef: { resource: "pods" },
      requestURI: "/api/v1/namespaces/default/pods",
      sourceIPs: ["10.1.2.3"],
    };
    assert.equal(all.predicate(ev("k8s_audit", k)), true);
    assert.equal(all.predicate(ev("k8s_audit", { ...k, sourceIPs: ["192.0.2.1"] })), false);

    const b64 = rule(`
title: t
logsource: { product: gcp, service: gcp.audit }
detection:
  s:
    data.protoPayload.request.script|base64offset|contains: 'curl'
  w:
    data.protoPayload.request.cmd|windash|contains: ' -enc'
  condition: s or w
`);
    const encoded = Buffer.from("echo; curl http://x").toString("base64");
    assert.equal(b64.predicate(ev("gcp_auditlog", { protoPayload: { request: { script: encoded } } })), true);
    assert.equal(
      b64.predicate(ev("gcp_auditlog", { protoPayload: { request: { cmd: "powershell /enc AAA" } } })),
      true,
    );
    assert.equal(
      b64.predicate(ev("gcp_auditlog", { protoPayload: { request: { cmd: "powershell" } } })),
      false,
    );
  });

  it("reports unsupported constructs instead of guessing", () => {
    assert.throws(
      () => rule("title: t\nlogsource: { product: windows }\ndetection: { s: { a: 1 }, condition: s }"),
      /has no Mamori source/,
    );
    assert.throws(
      () =>
        rule(
          "title: t\nlogsource: { product: aws, service: cloudtrail }\ndetection: { s: { a: 1 }, condition: s | count() > 5 }",
        ),
      /aggregation/,
    );
    assert.throws(
      () =>
        rule(
          "title: t\nlogsource: { product: aws, service: cloudtrail }\ndetection: { s: { a|bogus: 1 }, condition: s }",
        ),
      /modifier 'bogus'/,
    );
  });
});
