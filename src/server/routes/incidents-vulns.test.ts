import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AlertPipeline } from "../../detect/alerts.js";
import type { Alert as DetectAlert, Priority } from "../../detect/types.js";
import { loadDemo } from "../demo.js";
import { loadDetection } from "../detection-engine.js";
import type { Role } from "../roles.js";
import { pgliteTarget, postgresTarget, startTestServer, type TestServer } from "../test-helpers.js";

interface Page<T> {
  items: T[];
  total: number;
}
interface Incident {
  id: string;
  actor: string;
  first: string;
  last: string;
  alerts: number;
  priority: string;
  status: string;
  rules: string[];
}
interface ImageRow {
  image: string;
  name: string;
  packages: number;
  vulnerabilities: number;
  fixable: number;
  bySeverity: Record<string, number>;
}

for (const target of [pgliteTarget(), postgresTarget()]) {
  describe(`incidents and vulnerabilities API on ${target.name}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(target, { detection: loadDetection().engine });
      await loadDemo(s.store, s.app, s.tokens.admin);
    });
    after(async () => s.close());

    const get = async <T>(url: string, role: Role = "viewer", status = 200): Promise<T> => {
      const response = await s.app.inject({ url, headers: { authorization: `Bearer ${s.tokens[role]}` } });
      assert.equal(response.statusCode, status, `${url}: ${response.body}`);
      return response.json() as T;
    };

    describe("incidents", () => {
      it("groups the demo's alerts by actor, with the ids mamori detect gives", async () => {
        const page = await get<Page<Incident>>("/api/v1/incidents");
        assert.equal(page.total, 3);
        const byActor = new Map(page.items.map((i) => [i.actor, i]));
        const mallory = byActor.get("mallory@example.com");
        assert.ok(mallory, "the Kubernetes audit attacks are one incident");
        assert.ok(mallory.alerts >= 5, `${mallory.alerts} alerts`);
        assert.equal(mallory.priority, "ERROR");
        assert.ok(mallory.rules.includes("K8s Exec Into Pod"));
        const payments = byActor.get("ip-10-0-12-34/payments-api");
        assert.equal(payments?.alerts, 2, "a shell and a /etc/shadow read 11 minutes apart join");
        assert.deepEqual(payments?.rules, ["Read sensitive file untrusted", "Terminal shell in container"]);
        // Newest last alert first.
        assert.deepEqual(
          page.items.map((i) => i.last),
          [...page.items.map((i) => i.last)].sort().reverse(),
        );

        // The same grouping in src/detect's pipeline gives the same id for the same actor and first time.
        const detail = await get<Incident & { items: { time: string; rule: string; priority: string }[] }>(
          `/api/v1/incidents/${mallory.id}`,
        );
        assert.equal(detail.items.length, mallory.alerts);
        const pipeline = new AlertPipeline({ dedupWindowSeconds: 0 });
        let id: string | undefined;
        for (const a of detail.items) {
          const alert: DetectAlert = {
            rule: a.rule,
            priority: a.priority as Priority,
            time: a.time,
            output: "",
            source: "k8s_audit",
            tags: [],
            fields: {},
          };
          id = pipeline.accept(alert, { timeMs: Date.parse(a.time), actor: mallory.actor })?.incident;
        }
        assert.equal(id, mallory.id);
      });

      it("filters by priority, rule, source, time range and text, sorts and pages", async () => {
        const critical = await get<Page<Incident>>("/api/v1/incidents?priority=CRITICAL");
        assert.deepEqual(
          critical.items.map((i) => i.actor),
          ["ip-10-0-14-7/batch-worker"],
        );
        const rule = await get<Page<Incident>>(
          `/api/v1/incidents?rule=${encodeURIComponent("Terminal shell in container")}`,
        );
        assert.equal(rule.total, 1);
        assert.equal((await get<Page<Incident>>("/api/v1/incidents?source=k8s_audit")).total, 1);
        const range = await get<Page<Incident>>(
          "/api/v1/incidents?since=2026-11-20T10:00:00Z&until=2026-11-20T10:59:00Z",
        );
        assert.deepEqual(
          range.items.map((i) => i.actor),
          ["ip-10-0-12-34/payments-api"],
        );
        assert.equal((await get<Page<Incident>>("/api/v1/incidents?q=MALLORY")).total, 1);
        const byPriority = await get<Page<Incident>>("/api/v1/incidents?sort=priority&order=desc");
        assert.deepEqual(
          byPriority.items.map((i) => i.priority),
          ["CRITICAL", "ERROR", "WARNING"],
        );
        const second = await get<Page<Incident>>("/api/v1/incidents?limit=1&offset=1");
        assert.equal(second.items.length, 1);
        assert.equal(second.total, 3);
        const beyond = await get<Page<Incident>>("/api/v1/incidents?limit=1&offset=10");
        assert.deepEqual([beyond.items.length, beyond.total], [0, 3]);
      });

      it("splits at a shorter window and refuses bad input", async () => {
        const split = await get<Page<Incident>>(
          "/api/v1/incidents?windowSeconds=60&actor=mallory%40example.com&limit=500",
        );
        assert.ok(
          split.total >= 5,
          `alerts two minutes apart are separate incidents at 60 s (${split.total})`,
        );
        for (const bad of [
          "priority=URGENT",
          "status=maybe",
          "windowSeconds=0",
          "sort=actor",
          "since=yesterday",
        ])
          await get(`/api/v1/incidents?${bad}`, "viewer", 400);
        await get("/api/v1/incidents/inc-0000000000000000", "viewer", 404);
        await get("/api/v1/incidents/not-an-id", "viewer", 400);
      });

      it("is open while its last alert is within the window", async () => {
        const now = Date.now();
        const alert = (uuid: string, timeMs: number, container: string) => ({
          uuid,
          output: "a shell",
          priority: "Warning",
          rule: "Terminal shell in container",
          time: new Date(timeMs).toISOString(),
          source: "syscall",
          hostname: "status-test",
          tags: [],
          output_fields: { "container.name": container },
        });
        const posted = await s.app.inject({
          method: "POST",
          url: "/api/v1/ingest/falco",
          headers: { authorization: `Bearer ${s.tokens.ingest}` },
          payload: [
            alert("9d1e0c1a-0000-4000-8000-000000000001", now, "fresh"),
            alert("9d1e0c1a-0000-4000-8000-000000000002", now - 3_600_000, "stale"),
          ],
        });
        assert.equal(posted.statusCode, 200, posted.body);
        const open = await get<Page<Incident>>("/api/v1/incidents?status=open&q=status-test");
        assert.deepEqual(
          open.items.map((i) => i.actor),
          ["status-test/fresh"],
        );
        const closed = await get<Page<Incident>>("/api/v1/incidents?status=closed&q=status-test");
        assert.deepEqual(
          closed.items.map((i) => i.actor),
          ["status-test/stale"],
        );
      });
    });

    describe("vulnerabilities", () => {
      it("lists the demo's images with severity counts, riskiest first", async () => {
        const images = await get<Page<ImageRow>>("/api/v1/vulnerabilities/images");
        assert.deepEqual(
          images.items.map((i) => i.name),
          ["registry.example/payments-api:1.4", "registry.example/web-frontend:2.1"],
        );
        const [payments, web] = images.items;
        assert.equal(payments?.packages, 7);
        assert.equal(payments?.vulnerabilities, 7);
        assert.equal(payments?.bySeverity.critical, 1);
        assert.equal(web?.packages, 4);
        assert.equal(web?.vulnerabilities, 3);
        const critical = await get<Page<ImageRow>>("/api/v1/vulnerabilities/images?severity=critical");
        assert.deepEqual(
          critical.items.map((i) => i.name),
          ["registry.example/payments-api:1.4"],
        );
        const named = await get<Page<ImageRow>>("/api/v1/vulnerabilities/images?q=frontend");
        assert.equal(named.total, 1);
      });

      it("lists packages and advisories, filtered by image, severity and fix", async () => {
        const packages = await get<Page<{ package: string; images: string[]; fixedVersions: string[] }>>(
          "/api/v1/vulnerabilities/packages?limit=500",
        );
        const lodash = packages.items.find((p) => p.package === "lodash");
        assert.equal(lodash?.images.length, 2, "lodash 4.17.15 is in both images");
        const crypto = packages.items.find((p) => p.package === "golang.org/x/crypto");
        assert.deepEqual(crypto?.fixedVersions, ["0.31.0", "0.35.0"]);
        const web = await get<Page<{ package: string }>>(
          `/api/v1/vulnerabilities/packages?image=${encodeURIComponent("sbom:registry.example/web-frontend:2.1")}`,
        );
        assert.deepEqual(web.items.map((p) => p.package).sort(), ["lodash", "moment", "tar"]);

        const advisories = await get<Page<{ id: string; severity: string; images: number }>>(
          "/api/v1/vulnerabilities/advisories?limit=500",
        );
        assert.equal(advisories.items[0]?.severity, "critical", "most severe first");
        const shared = advisories.items.find((a) => a.images === 2);
        assert.ok(shared, "the lodash advisory affects both images");
        const unfixed = await get<Page<{ id: string; fixable: boolean }>>(
          "/api/v1/vulnerabilities?fixable=false",
        );
        assert.ok(unfixed.total > 0);
        assert.ok(unfixed.items.every((v) => !v.fixable));
        const high = await get<Page<{ severity: string }>>("/api/v1/vulnerabilities?severity=high&limit=500");
        assert.ok(high.total > 0 && high.items.every((v) => v.severity === "high"));
        for (const bad of ["severity=urgent", "fixable=maybe", "sort=cvss", "limit=501"])
          await get(`/api/v1/vulnerabilities?${bad}`, "viewer", 400);
      });

      it("shows one vulnerability with its records, aliases and affected packages", async () => {
        const detail = await get<{
          id: string;
          aliases: string[];
          details: string | null;
          affected: { package: string; version: string; fixedVersions: string[] }[];
        }>("/api/v1/vulnerabilities/advisories/CVE-2023-39410");
        assert.ok(detail.aliases.includes("GHSA-rhrv-645h-fjfh"));
        assert.ok(detail.details?.includes("Avro"));
        assert.deepEqual(
          detail.affected.map((a) => [a.package, a.version, a.fixedVersions]),
          [["org.apache.avro:avro", "1.11.0", ["1.11.3"]]],
        );
        await get("/api/v1/vulnerabilities/advisories/CVE-1999-0000", "viewer", 404);
        await get("/api/v1/vulnerabilities/advisories/a%20b", "viewer", 400);
      });

      it("excludes muted vulnerabilities when asked for open ones only", async () => {
        const [first] = (
          await get<Page<{ fingerprint: string }>>("/api/v1/vulnerabilities?severity=critical")
        ).items;
        assert.ok(first);
        const muted = await s.app.inject({
          method: "POST",
          url: `/api/v1/findings/${first.fingerprint}/mute`,
          headers: { authorization: `Bearer ${s.tokens.analyst}` },
          payload: { reason: "not reachable in this service" },
        });
        assert.equal(muted.statusCode, 201, muted.body);
        assert.equal(
          (await get<Page<unknown>>("/api/v1/vulnerabilities?severity=critical&state=open")).total,
          0,
        );
        assert.equal((await get<Page<unknown>>("/api/v1/vulnerabilities?severity=critical")).total, 1);
      });
    });

    it("refuses the ingest role and anonymous callers, and documents every route", async () => {
      for (const url of [
        "/api/v1/incidents",
        "/api/v1/vulnerabilities",
        "/api/v1/vulnerabilities/images",
        "/api/v1/vulnerabilities/packages",
        "/api/v1/vulnerabilities/advisories",
      ]) {
        await get(url, "ingest", 403);
        assert.equal((await s.app.inject({ url })).statusCode, 401);
      }
      const doc = await get<{ paths: Record<string, unknown> }>("/openapi.json");
      for (const path of [
        "/api/v1/incidents",
        "/api/v1/incidents/{id}",
        "/api/v1/vulnerabilities/images",
        "/api/v1/vulnerabilities/advisories/{id}",
      ])
        assert.ok(doc.paths[path], path);
    });
  });
}
