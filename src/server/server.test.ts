import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { FailedAuthLimiter } from "./auth.js";
import { demoDir } from "./demo.js";
import { loadDetection } from "./detection-engine.js";
import { scanSnapshots } from "./posture-scan.js";
import { ROLES, type Role } from "./roles.js";
import { pgliteTarget, postgresTarget, startTestServer, type TestServer } from "./test-helpers.js";

const DEMO_SNAPSHOT = join(demoDir(), "aws-snapshot.json");

/** Every route that is not public, filled with dummy parameters: auth runs before validation. */
function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000000").replace("*", "x");
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

for (const target of [pgliteTarget(), postgresTarget()]) {
  describe(`mamori serve API on ${target.name}`, () => {
    let s: TestServer;
    before(async () => {
      // The route walk fails authentication hundreds of times from one address; the limit has its own test.
      s = await startTestServer(target, { failedAuthLimit: { max: 1_000_000, windowMs: 60_000 } });
      await scanSnapshots(s.store, [DEMO_SNAPSHOT], { scope: "test:demo" });
    });
    after(async () => s.close());

    /** Counts straight from the store, so the assertions follow the demo data and the checks as they grow. */
    const count = async (where: string) =>
      (
        await s.store.db.query<{ n: number }>(
          `select count(*)::integer as n from finding_state where ${where}`,
        )
      )[0]?.n;

    const get = (url: string, role: Role = "viewer") =>
      s.app.inject({ method: "GET", url, headers: bearer(s.tokens[role]) });

    it("every route refuses a missing token (401) and every role it does not allow (403)", async () => {
      const routes = s.app.mamori.routes;
      assert.ok(routes.length >= 30, `only ${routes.length} routes`);
      const publicRoutes = routes.filter((r) => r.access === "public").map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(publicRoutes.sort(), [
        "GET /",
        "GET /assets/*",
        "GET /docs",
        "GET /docs/assets/:file",
        "GET /docs/init.js",
        "GET /healthz",
      ]);
      for (const route of routes) {
        if (route.access === "public") continue;
        const url = concrete(route.url);
        const method = route.method as "GET" | "POST" | "DELETE";
        const anonymous = await s.app.inject({ method, url });
        assert.equal(anonymous.statusCode, 401, `${route.method} ${route.url} without a token`);
        const forged = await s.app.inject({ method, url, headers: bearer(`mamori_${"A".repeat(43)}`) });
        assert.equal(forged.statusCode, 401, `${route.method} ${route.url} with an unknown token`);
        for (const role of ROLES) {
          const response = await s.app.inject({ method, url, headers: bearer(s.tokens[role]) });
          if (route.access.includes(role))
            assert.notEqual(response.statusCode, 403, `${route.method} ${route.url} as ${role}`);
          else
            assert.equal(
              response.statusCode,
              403,
              `${route.method} ${route.url} as ${role}: ${response.body}`,
            );
        }
      }
    });

    it("serves /healthz without a token and a valid OpenAPI 3.1 document with one", async () => {
      assert.equal((await s.app.inject({ method: "GET", url: "/healthz" })).statusCode, 200);
      const response = await get("/openapi.json", "ingest");
      assert.equal(response.statusCode, 200);
      const doc = response.json() as { openapi: string; paths: Record<string, unknown> };
      assert.equal(doc.openapi, "3.1.0");
      const result = await new Validator().validate(doc);
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1));
      assert.ok(doc.paths["/api/v1/findings"]);
      assert.ok(!doc.paths["/assets/*"], "static files are not API");
    });

    it("summarizes posture by severity, framework, provider and account with a trend", async () => {
      const summary = (await get("/api/v1/posture/summary")).json();
      const critical = await count("state = 'open' and severity = 'critical'");
      assert.ok(critical && critical > 0);
      assert.equal(summary.findings.open.critical, critical);
      assert.equal(summary.providers[0].provider, "aws");
      assert.equal(summary.accounts[0].account, "123456789012");
      assert.equal(summary.frameworks[0].id, "cis-aws-7.0.0");
      assert.ok(summary.topResources.length > 0);
      assert.ok(summary.topResources[0].risk >= summary.topResources.at(-1).risk);
      const trend = (await get("/api/v1/posture/trend")).json();
      assert.equal(trend.items.length, 1);
      assert.equal(trend.items[0].open.critical, critical);
    });

    it("filters, sorts and pages findings on the server, and validates every parameter", async () => {
      const all = (await get("/api/v1/findings?state=open&limit=500")).json();
      assert.equal(all.total, await count("state = 'open'"));
      const page = (
        await get("/api/v1/findings?state=open&severity=critical&severity=high&limit=5&offset=5")
      ).json();
      assert.equal(page.total, await count("state = 'open' and severity in ('critical', 'high')"));
      assert.equal(page.items.length, 5);
      assert.ok(page.items.every((f: { severity: string }) => ["critical", "high"].includes(f.severity)));
      const text = (await get("/api/v1/findings?state=open&q=acme-website")).json();
      assert.ok(
        text.total > 0 &&
          text.items.every((f: { resource: { id: string } }) => f.resource.id.includes("acme-website")),
      );
      const sorted = (await get("/api/v1/findings?state=open&sort=check_id&order=desc&limit=500")).json();
      const ids = sorted.items.map((f: { checkId: string }) => f.checkId);
      assert.deepEqual(ids, [...ids].sort().reverse());
      for (const bad of ["limit=100000", "severity=urgent", "sort=password", "bogus=1", "offset=-1"]) {
        const response = await get(`/api/v1/findings?${bad}`);
        assert.equal(response.statusCode, 400, bad);
        assert.match(response.json().error, /^invalid querystring/);
      }
    });

    it("mutes and unmutes a finding with owner, reason and expiry, and audits both", async () => {
      const [finding] = (await get("/api/v1/findings?state=open&severity=critical&limit=1")).json().items;
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const mute = await s.app.inject({
        method: "POST",
        url: `/api/v1/findings/${finding.fingerprint}/mute`,
        headers: bearer(s.tokens.analyst),
        payload: { reason: "accepted until the migration", owner: "alice@example.com", expiresAt },
      });
      assert.equal(mute.statusCode, 201, mute.body);
      assert.equal(mute.json().finding.state, "muted");
      assert.equal(mute.json().finding.mute.owner, "alice@example.com");
      const past = await s.app.inject({
        method: "POST",
        url: `/api/v1/findings/${finding.fingerprint}/mute`,
        headers: bearer(s.tokens.analyst),
        payload: { reason: "x", expiresAt: "2001-01-01T00:00:00Z" },
      });
      assert.equal(past.statusCode, 400);
      const unmute = await s.app.inject({
        method: "DELETE",
        url: `/api/v1/findings/${finding.fingerprint}/mute`,
        headers: bearer(s.tokens.analyst),
      });
      assert.equal(unmute.statusCode, 200);
      assert.equal(unmute.json().state, "open");
      const denied = await s.app.inject({
        method: "DELETE",
        url: `/api/v1/findings/${finding.fingerprint}/mute`,
        headers: bearer(s.tokens.viewer),
      });
      assert.equal(denied.statusCode, 403);
      const audit = (await get("/api/v1/audit?limit=50", "admin")).json();
      const actions = audit.items.map(
        (a: { action: string; actor: string; status: number }) => `${a.actor} ${a.action} ${a.status}`,
      );
      assert.ok(
        actions.includes("analyst test POST /api/v1/findings/:fingerprint/mute 201"),
        actions.join("\n"),
      );
      assert.ok(actions.includes("analyst test DELETE /api/v1/findings/:fingerprint/mute 200"));
      // A write the role refused is audited too.
      assert.ok(actions.some((a: string) => a.startsWith("viewer test POST") && a.endsWith(" 403")));
    });

    it("searches resources by type, tag and text, and shows one with history and findings", async () => {
      const buckets = (await get("/api/v1/resources?type=aws.s3.bucket&limit=500")).json();
      assert.ok(
        buckets.total > 0 && buckets.items.every((r: { type: string }) => r.type === "aws.s3.bucket"),
      );
      const prod = (await get("/api/v1/resources?tag=env%3Dprod")).json();
      assert.ok(prod.items.every((r: { tags: Record<string, string> }) => r.tags.env === "prod"));
      const risky = (await get("/api/v1/resources?sort=risk&order=desc&limit=1")).json().items[0];
      const detail = await get(
        `/api/v1/resources/detail?type=${encodeURIComponent(risky.type)}&id=${encodeURIComponent(risky.id)}`,
      );
      assert.equal(detail.statusCode, 200);
      assert.equal(detail.json().history.length, 1);
      assert.ok(detail.json().findings.some((f: { state: string }) => f.state === "open"));
      assert.equal((await get("/api/v1/resources/detail?type=aws.s3.bucket&id=nope")).statusCode, 404);
    });

    it("lists compliance controls with evidence and downloads HTML, CSV and JSON reports", async () => {
      const controls = (await get("/api/v1/compliance/frameworks/cis-aws-7.0.0/controls")).json();
      const failing = controls.items.find((c: { status: string }) => c.status === "fail");
      assert.ok(failing);
      const control = (
        await get(`/api/v1/compliance/frameworks/cis-aws-7.0.0/controls/${failing.id}`)
      ).json();
      assert.ok(control.evidence.some((e: { status: string }) => e.status === "fail"));
      const html = await get("/api/v1/compliance/frameworks/cis-aws-7.0.0/report?format=html");
      assert.match(html.headers["content-type"] as string, /text\/html/);
      assert.match(html.body, /CIS Amazon Web Services Foundations Benchmark/);
      const csv = await get("/api/v1/compliance/frameworks/cis-aws-7.0.0/report?format=csv");
      assert.match(
        csv.headers["content-disposition"] as string,
        /attachment; filename="cis-aws-7.0.0-report.csv"/,
      );
      assert.match(csv.body, /^control_id,title,/);
      const json = (await get("/api/v1/compliance/frameworks/cis-aws-7.0.0/report?format=json")).json();
      assert.equal(json.controls.length, controls.items.length);
      assert.equal((await get("/api/v1/compliance/frameworks/nope/controls")).statusCode, 404);
    });

    it("scans an uploaded snapshot as a background job with status and log", async () => {
      const body = readFileSync(DEMO_SNAPSHOT, "utf8");
      const started = await s.app.inject({
        method: "POST",
        url: "/api/v1/scans?name=uploaded-demo",
        headers: { ...bearer(s.tokens.analyst), "content-type": "application/json" },
        payload: body,
      });
      assert.equal(started.statusCode, 202, started.body);
      await s.app.mamori.jobs.idle();
      const job = (await get(`/api/v1/jobs/${started.json().jobId}`)).json();
      assert.equal(job.status, "completed", JSON.stringify(job));
      assert.ok(job.log.some((l: { message: string }) => /completed: 15 resources/.test(l.message)));
      const scan = (await get(`/api/v1/scans/${job.result.scanId}`)).json();
      assert.equal(scan.scope, "upload:uploaded-demo");
      const broken = await s.app.inject({
        method: "POST",
        url: "/api/v1/scans?name=broken",
        headers: { ...bearer(s.tokens.analyst), "content-type": "application/json" },
        payload: '{"resources": [',
      });
      await s.app.mamori.jobs.idle();
      const failed = (await get(`/api/v1/jobs/${broken.json().jobId}`)).json();
      assert.equal(failed.status, "failed");
      assert.match(failed.error, /^broken: invalid JSON/);
      // The broken upload changed nothing: its scan is recorded as failed.
      assert.equal((await get("/api/v1/scans?limit=1")).json().items[0].status, "failed");
    });

    it("runs read-only SQL with a row limit and refuses writes", async () => {
      const post = (sql: string) =>
        s.app.inject({
          method: "POST",
          url: "/api/v1/query",
          headers: bearer(s.tokens.analyst),
          payload: { sql, maxRows: 2 },
        });
      const ok = (await post("select id from resources order by id")).json();
      assert.equal(ok.rows.length, 2);
      assert.equal(ok.truncated, true);
      const refused = await post("delete from scan");
      assert.equal(refused.statusCode, 400);
      assert.match(refused.json().error, /read-only/);
    });

    it("ingests a Kubernetes audit EventList, Falco alerts and generic events with the ingest role", async () => {
      // The route walk above posted empty bodies too: compare counters before and after.
      const metric = async (line: string) => {
        const text = (await get("/metrics")).body;
        const found = text.split("\n").find((l) => l.startsWith(`${line} `));
        return found ? Number(found.slice(line.length + 1)) : 0;
      };
      const k8sBefore = await metric('mamori_events_ingested_total{source="k8s_audit"}');
      const falcoBefore = await metric('mamori_events_ingested_total{source="falco"}');
      const invalidBefore = await metric('mamori_events_dropped_total{source="k8s_audit",reason="invalid"}');
      const events = {
        kind: "EventList",
        apiVersion: "audit.k8s.io/v1",
        items: [{ auditID: "a1", verb: "create", objectRef: { resource: "pods", subresource: "exec" } }],
      };
      const k8s = await s.app.inject({
        method: "POST",
        url: "/api/v1/ingest/k8s-audit",
        headers: bearer(s.tokens.ingest),
        payload: events,
      });
      assert.equal(k8s.statusCode, 200, k8s.body);
      assert.equal(k8s.json().received, 1);
      const bad = await s.app.inject({
        method: "POST",
        url: "/api/v1/ingest/k8s-audit",
        headers: bearer(s.tokens.ingest),
        payload: { ...events, apiVersion: "audit.k8s.io/v1beta1" },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error, /^apiVersion: expected "audit.k8s.io\/v1"/);
      const falco = readFileSync(join(demoDir(), "falco-alerts.json"), "utf8");
      const stored = await s.app.inject({
        method: "POST",
        url: "/api/v1/ingest/falco",
        headers: { ...bearer(s.tokens.ingest), "content-type": "application/json" },
        payload: falco,
      });
      assert.equal(stored.json().alerts, 3);
      // Falco retries: the same alerts again are not stored twice.
      const again = await s.app.inject({
        method: "POST",
        url: "/api/v1/ingest/falco",
        headers: { ...bearer(s.tokens.ingest), "content-type": "application/json" },
        payload: falco,
      });
      assert.equal(again.json().alerts, 0);
      const alerts = (await get("/api/v1/alerts?priority=CRITICAL")).json();
      assert.equal(alerts.total, 1);
      const generic = await s.app.inject({
        method: "POST",
        url: "/api/v1/ingest/events?source=aws_cloudtrail",
        headers: bearer(s.tokens.ingest),
        payload: { events: [{ eventName: "ConsoleLogin" }, { eventName: "StopLogging" }] },
      });
      assert.equal(generic.json().received, 2);
      const metrics = (await get("/metrics")).body;
      assert.equal(await metric('mamori_events_ingested_total{source="k8s_audit"}'), k8sBefore + 1);
      assert.equal(await metric('mamori_events_ingested_total{source="falco"}'), falcoBefore + 6);
      assert.equal(
        await metric('mamori_events_dropped_total{source="k8s_audit",reason="invalid"}'),
        invalidBefore + 1,
      );
      assert.match(metrics, /mamori_findings\{severity="critical",state="open"\} \d+/);
      assert.match(metrics, /mamori_compliance_score\{framework="cis-aws-7.0.0"\} \d+/);
      assert.match(metrics, /mamori_process_cpu_seconds_total/);
      assert.match(metrics, /mamori_job_queue_depth 0/);
    });

    it("creates, uses and revokes tokens (admin only); revoked tokens stop working", async () => {
      const created = await s.app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: bearer(s.tokens.admin),
        payload: { name: "prometheus", role: "viewer" },
      });
      assert.equal(created.statusCode, 201);
      const { token, id } = created.json();
      assert.equal(
        (await s.app.inject({ method: "GET", url: "/metrics", headers: bearer(token) })).statusCode,
        200,
      );
      const list = (await get("/api/v1/tokens", "admin")).body;
      assert.ok(!list.includes(token), "a secret is never listed");
      const rows = await s.store.db.query<{ token_hash: string }>(
        "select token_hash from api_token where id = $1",
        [id],
      );
      assert.match(rows[0]?.token_hash ?? "", /^[0-9a-f]{64}$/);
      assert.equal(
        (
          await s.app.inject({
            method: "DELETE",
            url: `/api/v1/tokens/${id}`,
            headers: bearer(s.tokens.admin),
          })
        ).statusCode,
        204,
      );
      assert.equal(
        (await s.app.inject({ method: "GET", url: "/metrics", headers: bearer(token) })).statusCode,
        401,
      );
    });

    it("sends security headers, no CORS grant, and refuses oversized bodies", async () => {
      const response = await s.app.inject({
        method: "GET",
        url: "/api/v1/findings",
        headers: { ...bearer(s.tokens.viewer), origin: "https://evil.example" },
      });
      assert.match(response.headers["content-security-policy"] as string, /default-src 'none'/);
      assert.match(response.headers["content-security-policy"] as string, /frame-ancestors 'none'/);
      assert.equal(response.headers["x-content-type-options"], "nosniff");
      assert.equal(response.headers["x-frame-options"], "DENY");
      assert.equal(response.headers["referrer-policy"], "no-referrer");
      assert.equal(response.headers["access-control-allow-origin"], undefined);
      const preflight = await s.app.inject({
        method: "OPTIONS",
        url: "/api/v1/findings",
        headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
      });
      assert.equal(preflight.headers["access-control-allow-origin"], undefined);
      const big = await s.app.inject({
        method: "POST",
        url: "/api/v1/mutes",
        headers: { ...bearer(s.tokens.analyst), "content-type": "application/json" },
        payload: JSON.stringify({ reason: "x".repeat(2 * 1024 * 1024), checkId: "a" }),
      });
      assert.equal(big.statusCode, 413);
    });
  });
}

describe("failed authentication limit", () => {
  it("refuses an address after too many failures until its window ends, even with a valid token", async () => {
    let now = 1_000_000;
    const target = pgliteTarget();
    const s = await startTestServer(target, { failedAuthLimit: { max: 3, windowMs: 60_000 } });
    try {
      // The limiter the server uses is internal; drive it through requests.
      for (let i = 0; i < 3; i++) {
        const r = await s.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer("mamori_wrong") });
        assert.equal(r.statusCode, 401);
      }
      const blocked = await s.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: bearer(s.tokens.viewer),
      });
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers["retry-after"]) > 0);
      // Other addresses are not affected.
      const other = await s.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: bearer(s.tokens.viewer),
        remoteAddress: "10.1.2.3",
      });
      assert.equal(other.statusCode, 200);
    } finally {
      await s.close();
    }
    const limiter = new FailedAuthLimiter({ max: 2, windowMs: 1000 }, () => now);
    limiter.fail("a");
    limiter.fail("a");
    assert.ok(limiter.blockedFor("a") > 0);
    now += 1000;
    assert.equal(limiter.blockedFor("a"), 0);
  });
});

describe("Kubernetes audit webhook with the built-in detection rules", () => {
  it("raises an alert for an exec into a pod, visible in /api/v1/alerts and /metrics", async () => {
    const s = await startTestServer(pgliteTarget(), { detection: loadDetection().engine });
    try {
      const exec = {
        kind: "Event",
        apiVersion: "audit.k8s.io/v1",
        level: "RequestResponse",
        auditID: "7f0c3c55-2b1a-4c8e-9d61-000000000042",
        stage: "ResponseComplete",
        requestURI:
          "/api/v1/namespaces/payments/pods/api-7d9f/exec?command=sh&container=api&stdin=true&tty=true",
        verb: "create",
        user: { username: "mallory@example.com", groups: ["system:authenticated"] },
        sourceIPs: ["198.51.100.40"],
        objectRef: {
          resource: "pods",
          namespace: "payments",
          name: "api-7d9f",
          subresource: "exec",
          apiVersion: "v1",
        },
        responseStatus: { metadata: {}, code: 101 },
        requestReceivedTimestamp: "2026-11-20T10:00:00.000000Z",
        stageTimestamp: "2026-11-20T10:00:00.050000Z",
        annotations: { "authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": "RBAC" },
      };
      const logs = {
        ...exec,
        auditID: "7f0c3c55-2b1a-4c8e-9d61-000000000043",
        verb: "get",
        objectRef: { ...exec.objectRef, subresource: "log" },
        responseStatus: { metadata: {}, code: 200 },
      };
      const response = await s.app.inject({
        method: "POST",
        url: "/api/v1/ingest/k8s-audit",
        headers: bearer(s.tokens.ingest),
        payload: { kind: "EventList", apiVersion: "audit.k8s.io/v1", items: [exec, logs] },
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { received: 2, evaluated: true, alerts: 1 });
      const alerts = (
        await s.app.inject({ method: "GET", url: "/api/v1/alerts", headers: bearer(s.tokens.viewer) })
      ).json();
      assert.equal(alerts.total, 1);
      assert.equal(alerts.items[0].rule, "K8s Exec Into Pod");
      assert.equal(alerts.items[0].origin, "engine");
      assert.match(alerts.items[0].output, /user=mallory@example.com pod=payments\/api-7d9f/);
      const metrics = (
        await s.app.inject({ method: "GET", url: "/metrics", headers: bearer(s.tokens.viewer) })
      ).body;
      assert.match(metrics, /mamori_events_ingested_total\{source="k8s_audit"\} 2/);
      assert.match(metrics, /mamori_events_matched_total\{source="k8s_audit"\} 1/);
      assert.match(metrics, /mamori_alerts_raised_total\{source="k8s_audit",priority="WARNING"\} 1/);
    } finally {
      await s.close();
    }
  });
});
