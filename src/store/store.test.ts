import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import {
  type Finding,
  type FindingStatus,
  type Framework,
  fingerprint,
  type Resource,
  resourceRef,
  type ScanSummary,
  type Severity,
} from "../model/index.js";
import {
  type Mute,
  muteMatches,
  type OpenStoreOptions,
  openStore,
  QueryError,
  type Store,
  StoreError,
} from "./index.js";
import { loadMigrations } from "./migrate.js";

const DATABASE_URL = process.env.MAMORI_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

// ---- helpers ----------------------------------------------------------------

function resource(
  id: string,
  properties: Record<string, unknown> = {},
  extra: Partial<Resource> = {},
): Resource {
  return {
    type: "aws.s3.bucket",
    id,
    provider: "aws",
    account: "111122223333",
    region: "eu-west-1",
    name: id.split(":").at(-1) ?? id,
    tags: {},
    properties,
    provenance: { kind: "live", source: "aws/s3", collectedAt: new Date().toISOString() },
    ...extra,
  };
}

function finding(checkId: string, r: Resource, status: FindingStatus, severity: Severity = "high"): Finding {
  return {
    checkId,
    title: `title of ${checkId}`,
    status,
    severity,
    message: `${checkId} is ${status} on ${r.id}`,
    resource: resourceRef(r),
    evidence: { path: "x", actual: 1, expected: 2 },
    compliance: [{ framework: "test-fw", version: "1", control: "1.1" }],
    remediation: "fix it",
    fingerprint: fingerprint(checkId, r),
  };
}

const SUMMARY: ScanSummary = {
  resources: 0,
  checks: 0,
  byStatus: { fail: 0, pass: 0, error: 0, not_applicable: 0 },
  failedBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
  muted: 0,
  errors: 0,
  durationMs: 1,
};

/** One complete scan of `scope`. */
async function scan(store: Store, scope: string, resources: Resource[], findings: Finding[]) {
  const id = await store.beginScan({ kind: "test", target: scope, scope });
  await store.recordBatch(id, resources, findings);
  const changes = await store.completeScan(id, { ...SUMMARY, resources: resources.length });
  return { id, changes };
}

async function findingsOf(store: Store, checkId: string) {
  return store.listFindings({ checkId, limit: 1000 });
}

async function one<T>(promise: Promise<T[]>): Promise<T> {
  const rows = await promise;
  assert.equal(rows.length, 1, `expected one row, got ${rows.length}`);
  return rows[0] as T;
}

async function rows(store: Store, sql: string): Promise<Record<string, unknown>[]> {
  return (await store.query(sql)).rows;
}

// ---- the two drivers ---------------------------------------------------------

interface Target {
  name: string;
  options: OpenStoreOptions;
  cleanup(): Promise<void>;
}

function pgliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), "mamori-store-test-"));
  return {
    name: "PGlite",
    options: { dataDir: dir },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresTarget(): Target {
  const schema = `mamori_test_${randomBytes(5).toString("hex")}`;
  return {
    name: "PostgreSQL",
    options: { databaseUrl: DATABASE_URL, schema },
    async cleanup() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

for (const target of [pgliteTarget(), postgresTarget()]) {
  describe(`store on ${target.name}`, () => {
    let store: Store;

    /** Closes the store and opens it again, as the next mamori command would. */
    async function reopen(extra: OpenStoreOptions = {}): Promise<void> {
      await store.close();
      store = await openStore({ ...target.options, ...extra });
    }

    before(async () => {
      store = await openStore(target.options);
    });

    after(async () => {
      await store?.close();
      await target.cleanup();
    });

    test("migrations are applied once; opening again applies nothing and keeps the data", async () => {
      const versions = loadMigrations().map((m) => m.version);
      const applied = async () =>
        (await rows(store, "select version from schema_migration order by version")).map((r) => r.version);
      assert.deepEqual(await applied(), versions);
      const { id } = await scan(store, "migrate", [resource("arn:aws:s3:::migrate")], []);
      await reopen();
      assert.deepEqual(await applied(), versions);
      assert.equal((await store.getScan(id))?.status, "completed");
    });

    test("scan lifecycle: running, completed with summary and changes, failed; wrong transitions refused", async () => {
      const r = resource("arn:aws:s3:::lifecycle");
      const id = await store.beginScan({ kind: "test", target: "lifecycle target", scope: "lifecycle" });
      const running = await store.getScan(id);
      assert.equal(running?.status, "running");
      assert.equal(running?.finishedAt, undefined);
      await store.recordBatch(id, [r], [finding("test.lifecycle.a", r, "fail")]);
      await store.recordBatch(id, [], [finding("test.lifecycle.b", r, "pass")]);
      const changes = await store.completeScan(id, { ...SUMMARY, resources: 1, checks: 2 });
      assert.deepEqual(changes, {
        new: 1,
        reopened: 0,
        stillOpen: 0,
        resolved: 0,
        muted: 0,
        resources: 1,
        resourcesChanged: 1,
        resourcesRemoved: 0,
      });
      const done = await store.getScan(id);
      assert.equal(done?.status, "completed");
      assert.equal(done?.kind, "test");
      assert.equal(done?.target, "lifecycle target");
      assert.ok(done?.finishedAt);
      assert.deepEqual(done?.summary, { ...SUMMARY, resources: 1, checks: 2 });
      assert.deepEqual(done?.changes, changes);
      assert.equal((await store.listScans({ limit: 1 }))[0]?.id, id);
      // What the scan saw stays recorded per scan (for diffs), its staged batches are gone.
      const observed = await rows(
        store,
        `select status, state from observation where scan_id = '${id}' order by status`,
      );
      assert.deepEqual(observed, [
        { status: "fail", state: "open" },
        { status: "pass", state: "resolved" },
      ]);
      assert.deepEqual(await rows(store, `select count(*) as n from stage_finding where scan_id = '${id}'`), [
        { n: 0 },
      ]);

      await assert.rejects(
        store.completeScan(id, SUMMARY),
        (e) => e instanceof StoreError && /completed, not running/.test(e.message),
      );
      await assert.rejects(
        store.recordBatch(id, [r], []),
        (e) => e instanceof StoreError && /not running/.test(e.message),
      );
      await assert.rejects(
        store.recordBatch("no-such-scan", [r], []),
        (e) => e instanceof StoreError && /no scan/.test(e.message),
      );
      await store.failScan(id, "too late");
      assert.equal((await store.getScan(id))?.status, "completed");

      const failed = await store.beginScan({ kind: "test", target: "t", scope: "lifecycle" });
      await store.recordBatch(failed, [r], [finding("test.lifecycle.a", r, "pass")]);
      await store.failScan(failed, "source went away");
      const record = await store.getScan(failed);
      assert.equal(record?.status, "failed");
      assert.equal(record?.error, "source went away");
      assert.equal((await one(findingsOf(store, "test.lifecycle.a"))).state, "open");
      assert.equal(await store.getScan("no-such-scan"), undefined);
    });

    test("first_seen is kept and last_seen moves across two scans", async () => {
      const r = resource("arn:aws:s3:::seen");
      const first = await scan(store, "seen", [r], [finding("test.seen", r, "fail")]);
      const before = await one(findingsOf(store, "test.seen"));
      const second = await scan(store, "seen", [r], [finding("test.seen", r, "fail")]);
      assert.deepEqual(second.changes, { ...second.changes, new: 0, stillOpen: 1, resolved: 0 });
      const after = await one(findingsOf(store, "test.seen"));
      const secondScan = await store.getScan(second.id);
      assert.equal(after.firstSeen, before.firstSeen);
      assert.equal(before.lastScanId, first.id);
      assert.equal(after.lastScanId, second.id);
      assert.ok(secondScan && after.lastSeen >= secondScan.startedAt, "last_seen is from the second scan");
      assert.equal(after.state, "open");
      const inventory = await one(
        store
          .query("select first_seen, last_seen, last_scan_id from resources where id = 'arn:aws:s3:::seen'")
          .then((q) => q.rows),
      );
      assert.equal((inventory.first_seen as Date).toISOString(), before.firstSeen);
      assert.equal(inventory.last_scan_id, second.id);
    });

    test("a finding that stops failing, or is no longer seen, is resolved; other scopes are untouched", async () => {
      const kept = resource("arn:aws:s3:::resolve-kept");
      const gone = resource("arn:aws:s3:::resolve-gone");
      const elsewhere = resource("arn:aws:s3:::resolve-elsewhere");
      await scan(store, "resolve-other", [elsewhere], [finding("test.resolve", elsewhere, "fail")]);
      await scan(
        store,
        "resolve",
        [kept, gone],
        [finding("test.resolve", kept, "fail"), finding("test.resolve", gone, "fail")],
      );
      const { changes, id } = await scan(store, "resolve", [kept], [finding("test.resolve", kept, "pass")]);
      assert.equal(changes.resolved, 2);
      assert.equal(changes.resourcesRemoved, 1);
      const byResource = new Map((await findingsOf(store, "test.resolve")).map((f) => [f.resource.id, f]));
      const keptFinding = byResource.get(kept.id);
      const goneFinding = byResource.get(gone.id);
      assert.equal(keptFinding?.state, "resolved");
      assert.equal(keptFinding?.status, "pass");
      assert.ok(keptFinding?.resolvedAt);
      assert.equal(keptFinding?.current, true);
      assert.equal(goneFinding?.state, "resolved");
      assert.ok(goneFinding?.resolvedAt);
      assert.equal(goneFinding?.current, false);
      assert.equal(byResource.get(elsewhere.id)?.state, "open");
      const inventory = await rows(store, "select id from resources where scope = 'resolve'");
      assert.deepEqual(inventory, [{ id: kept.id }]);
      assert.equal((await store.getScan(id))?.changes?.resolved, 2);
    });

    test("a resolved finding that fails again is reopened", async () => {
      const r = resource("arn:aws:s3:::reopen");
      await scan(store, "reopen", [r], [finding("test.reopen", r, "fail")]);
      await scan(store, "reopen", [r], [finding("test.reopen", r, "pass")]);
      const resolved = await one(findingsOf(store, "test.reopen"));
      assert.equal(resolved.state, "resolved");
      const { changes } = await scan(store, "reopen", [r], [finding("test.reopen", r, "fail")]);
      assert.equal(changes.reopened, 1);
      assert.equal(changes.new, 0);
      const reopened = await one(findingsOf(store, "test.reopen"));
      assert.equal(reopened.state, "open");
      assert.equal(reopened.resolvedAt, undefined);
      assert.equal(reopened.firstSeen, resolved.firstSeen);
      // A passing finding that never failed is not "reopened" when it first fails: it is new.
      const fresh = resource("arn:aws:s3:::reopen-fresh");
      await scan(store, "reopen-fresh", [fresh], [finding("test.reopen", fresh, "pass")]);
      const firstFail = await scan(store, "reopen-fresh", [fresh], [finding("test.reopen", fresh, "fail")]);
      assert.equal(firstFail.changes.new, 1);
      assert.equal(firstFail.changes.reopened, 0);
    });

    test("a history row is written only when a resource's content changes", async () => {
      const id = "arn:aws:s3:::history";
      const history = async () =>
        (
          await rows(
            store,
            `select scan_id, properties from resource_history where id = '${id}' order by observed_at`,
          )
        ).map((r) => r.properties);
      const s1 = await scan(
        store,
        "history",
        [resource(id, { versioning: true, note: "nul\u0000here" })],
        [],
      );
      // Same content, different provenance (collection time): no new row.
      const s2 = await scan(
        store,
        "history",
        [
          resource(
            id,
            { note: "nul\u0000here", versioning: true },
            { provenance: { kind: "snapshot", file: "x.json" } },
          ),
        ],
        [],
      );
      const s3 = await scan(
        store,
        "history",
        [resource(id, { versioning: false, note: "nul\u0000here" })],
        [],
      );
      assert.deepEqual(
        [s1.changes.resourcesChanged, s2.changes.resourcesChanged, s3.changes.resourcesChanged],
        [1, 0, 1],
      );
      assert.deepEqual(await history(), [
        { versioning: true, note: "nul\uFFFDhere" },
        { versioning: false, note: "nul\uFFFDhere" },
      ]);
      const current = await one(
        store.query(`select properties, provenance from resources where id = '${id}'`).then((q) => q.rows),
      );
      assert.deepEqual(current.properties, { versioning: false, note: "nul\uFFFDhere" });
      // The current row keeps the latest provenance even when the content did not change.
      assert.equal((current.provenance as { kind: string }).kind, "live");
    });

    test("mutes: globs, tags, expiry, applied on add and undone on remove", async () => {
      const prod = resource("arn:aws:s3:::mute-prod/logs", {}, { tags: { env: "production" } });
      const dev = resource("arn:aws:s3:::mute-dev", {}, { tags: { env: "dev-2" } });
      const other = resource("arn:aws:s3:::mute-other", {}, { region: "us-east-1" });
      const byGlob = await store.addMute({
        checkId: "test.mute.*",
        resourceId: "arn:aws:s3:::mute-prod*",
        owner: "alice",
        reason: "accepted risk",
      });
      const byTag = await store.addMute({
        tagKey: "env",
        tagValue: "dev*",
        owner: "bob",
        reason: "dev only",
      });
      const expired = await store.addMute({
        checkId: "test.mute.public",
        region: "us-east-1",
        owner: "carol",
        reason: "was fine last year",
        expiresAt: "2000-01-01T00:00:00Z",
      });
      assert.deepEqual(
        (await store.listMutes()).map((m) => m.id),
        [byGlob.id, byTag.id, expired.id],
      );
      assert.deepEqual(
        (await store.activeMutes()).map((m) => m.id),
        [byGlob.id, byTag.id],
      );
      const { changes } = await scan(
        store,
        "mute",
        [prod, dev, other],
        [
          finding("test.mute.public", prod, "fail"),
          finding("test.mute.public", dev, "fail"),
          finding("test.mute.public", other, "fail"),
        ],
      );
      assert.equal(changes.muted, 2);
      assert.equal(changes.new, 1);
      const state = async () =>
        Object.fromEntries(
          (await findingsOf(store, "test.mute.public")).map((f) => [f.resource.id, [f.state, f.muteId]]),
        );
      assert.deepEqual(await state(), {
        [prod.id]: ["muted", byGlob.id],
        [dev.id]: ["muted", byTag.id],
        [other.id]: ["open", undefined],
      });
      const muted = (await store.listFindings({ state: "muted", checkId: "test.mute.public" })).find(
        (f) => f.resource.id === prod.id,
      );
      assert.deepEqual(muted?.muted, { reason: "accepted risk", owner: "alice" });
      const view = await rows(
        store,
        `select id, active, muted_findings from mutes where id in ('${byGlob.id}', '${expired.id}') order by owner`,
      );
      assert.deepEqual(view, [
        { id: byGlob.id, active: true, muted_findings: 1 },
        { id: expired.id, active: false, muted_findings: 0 },
      ]);

      // Removing a mute opens its findings at once; adding one mutes open findings at once.
      assert.equal(await store.removeMute(byTag.id), true);
      assert.equal(await store.removeMute(byTag.id), false);
      assert.deepEqual((await state())[dev.id], ["open", undefined]);
      const byRegion = await store.addMute({ region: "us-east-1", owner: "dave", reason: "sandbox region" });
      assert.deepEqual((await state())[other.id], ["muted", byRegion.id]);

      await assert.rejects(
        store.addMute({ owner: "x", reason: "y" }),
        (e) => e instanceof StoreError && /at least one/.test(e.message),
      );
      // The engine asks the store which mute applies before reporting.
      const active = await store.activeMutes();
      assert.deepEqual(store.muteFor(active, finding("test.mute.x", prod, "fail"), prod.tags), {
        reason: "accepted risk",
        owner: "alice",
      });
      assert.equal(store.muteFor(active, finding("other.check", prod, "fail"), prod.tags), undefined);
    });

    test("a scan that dies half-way leaves the current state exactly as it was", async () => {
      const r1 = resource("arn:aws:s3:::dies-1", { a: 1 });
      const r2 = resource("arn:aws:s3:::dies-2", { a: 1 });
      await scan(
        store,
        "dies",
        [r1, r2],
        [finding("test.dies", r1, "fail"), finding("test.dies", r2, "pass")],
      );
      const snapshot = async () => ({
        resources: await rows(store, "select * from resources order by type, id"),
        history: await rows(store, "select * from resource_history order by type, id, observed_at"),
        findings: await rows(store, "select * from findings order by fingerprint"),
        observations: await rows(store, "select * from observation order by scan_id, fingerprint"),
      });
      const before = await snapshot();

      const id = await store.beginScan({ kind: "test", target: "dies", scope: "dies" });
      const changed = resource("arn:aws:s3:::dies-1", { a: 2 });
      await store.recordBatch(
        id,
        [changed],
        [finding("test.dies", changed, "pass"), finding("test.dies", r2, "fail")],
      );
      // The second batch breaks half-way: a finding the schema refuses. Nothing of it is staged.
      const broken = { ...finding("test.dies", r2, "fail"), severity: "catastrophic" as Severity };
      await assert.rejects(
        store.recordBatch(id, [resource("arn:aws:s3:::dies-3")], [finding("test.dies", r1, "fail"), broken]),
        (e) => e instanceof StoreError && /batch refused/.test(e.message),
      );
      assert.deepEqual(await rows(store, `select id from stage_resource where scan_id = '${id}'`), [
        { id: changed.id },
      ]);
      assert.deepEqual(await snapshot(), before);

      // The process "dies": no completeScan. The next open marks the scan failed and drops its batches.
      await reopen({ staleScanAfterMs: 0 });
      const record = await store.getScan(id);
      assert.equal(record?.status, "failed");
      assert.match(record?.error ?? "", /interrupted/);
      assert.deepEqual(
        await rows(store, `select count(*) as n from stage_resource where scan_id = '${id}'`),
        [{ n: 0 }],
      );
      assert.deepEqual(await snapshot(), before);
    });

    test("read-only SQL: selects work; writes, several statements and slow statements are refused", async () => {
      await scan(store, "query", [resource("arn:aws:s3:::query")], []);
      const result = await store.query("select id, type, 1 + 1 as two from resources where scope = 'query'");
      assert.deepEqual(result, {
        columns: ["id", "type", "two"],
        rows: [{ id: "arn:aws:s3:::query", type: "aws.s3.bucket", two: 2 }],
        truncated: false,
      });
      const readOnly = (e: unknown) =>
        e instanceof QueryError && /^the query is read-only/.test(e.message) && e.code === "25006";
      await assert.rejects(
        store.query("insert into mute (id, owner, reason, region) values ('x', 'o', 'r', 'eu')"),
        readOnly,
      );
      await assert.rejects(store.query("update finding_state set state = 'resolved'"), readOnly);
      await assert.rejects(store.query("create table evil (x int)"), readOnly);
      await assert.rejects(
        store.query("select 1; delete from scan"),
        (e) => e instanceof QueryError && e.message === "only one SQL statement is allowed",
      );
      await assert.rejects(
        store.query("select *\nfrom no_such_view"),
        (e) =>
          e instanceof QueryError &&
          e.message === 'relation "no_such_view" does not exist (line 2, column 6)',
      );
      await assert.rejects(
        store.query("selec 1"),
        (e) =>
          e instanceof QueryError && /^syntax error at or near "selec" \(line 1, column 1\)$/.test(e.message),
      );
      await assert.rejects(
        store.query("select pg_sleep(5)", { timeoutMs: 500 }),
        (e) => e instanceof QueryError && e.message === "the query took longer than 500 ms and was stopped",
      );
      // The store works on after a timeout, and nothing was written.
      assert.deepEqual((await store.query("select 1 as one")).rows, [{ one: 1 }]);
      assert.deepEqual(await rows(store, "select count(*) as n from mute where id = 'x'"), [{ n: 0 }]);
      const capped = await store.query("select n from generate_series(1, 10) as n", { maxRows: 3 });
      assert.deepEqual(capped, { columns: ["n"], rows: [{ n: 1 }, { n: 2 }, { n: 3 }], truncated: true });
      const exact = await store.query("select n from generate_series(1, 3) as n", { maxRows: 3 });
      assert.equal(exact.truncated, false);
      assert.equal(exact.rows.length, 3);
      // Session state a statement leaves behind (an advisory lock) does not outlive it.
      const key = 911_000 + Math.floor(Math.random() * 1000);
      await store.query(`select pg_advisory_lock(${key})`);
      assert.deepEqual(
        await rows(
          store,
          `select count(*) as n from pg_locks where locktype = 'advisory' and objid = ${key}`,
        ),
        [{ n: 0 }],
      );
      // Writes through the store still work after all this.
      assert.ok(await store.beginScan({ kind: "test", target: "after query", scope: "after-query" }));
    });

    test("views resources, findings and controls return what the scans found", async () => {
      const framework: Framework = {
        framework: "test-views",
        version: "1.0",
        id: "test-views-1.0",
        name: "Views test framework",
        controls: [
          { id: "1", title: "fails", automated: true, checks: ["test.views.a"] },
          { id: "2", title: "passes", section: "Two", automated: true, checks: ["test.views.b"] },
          { id: "3", title: "manual", automated: false, checks: [] },
          { id: "4", title: "nothing seen", automated: true, checks: ["test.views.none"] },
          { id: "5", title: "muted only", automated: true, checks: ["test.views.m"] },
        ],
      };
      await store.syncFrameworks([framework]);
      await store.syncFrameworks([framework]);
      const a = resource("arn:aws:s3:::views-a", { encrypted: false }, { tags: { team: "red" } });
      const b = resource("arn:aws:s3:::views-b", { encrypted: true });
      await store.addMute({ checkId: "test.views.m", owner: "o", reason: "known" });
      await scan(
        store,
        "views",
        [a, b],
        [
          finding("test.views.a", a, "fail", "critical"),
          finding("test.views.a", b, "pass"),
          finding("test.views.b", a, "pass"),
          finding("test.views.b", b, "pass"),
          finding("test.views.m", a, "fail"),
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          "select id, name, tags, properties from resources where scope = 'views' order by id",
        ),
        [
          { id: a.id, name: "views-a", tags: { team: "red" }, properties: { encrypted: false } },
          { id: b.id, name: "views-b", tags: {}, properties: { encrypted: true } },
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          "select check_id, resource_id, state, status, severity, mute_reason from findings where scope = 'views' and state <> 'resolved' order by check_id",
        ),
        [
          {
            check_id: "test.views.a",
            resource_id: a.id,
            state: "open",
            status: "fail",
            severity: "critical",
            mute_reason: null,
          },
          {
            check_id: "test.views.m",
            resource_id: a.id,
            state: "muted",
            status: "fail",
            severity: "high",
            mute_reason: "known",
          },
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          `select control_id, title, section, status, passing_resources, failing_resources, muted_resources
           from controls where framework_id = 'test-views-1.0' order by position`,
        ),
        [
          {
            control_id: "1",
            title: "fails",
            section: null,
            status: "fail",
            passing_resources: 1,
            failing_resources: 1,
            muted_resources: 0,
          },
          {
            control_id: "2",
            title: "passes",
            section: "Two",
            status: "pass",
            passing_resources: 2,
            failing_resources: 0,
            muted_resources: 0,
          },
          {
            control_id: "3",
            title: "manual",
            section: null,
            status: "manual",
            passing_resources: 0,
            failing_resources: 0,
            muted_resources: 0,
          },
          {
            control_id: "4",
            title: "nothing seen",
            section: null,
            status: "no_data",
            passing_resources: 0,
            failing_resources: 0,
            muted_resources: 0,
          },
          {
            control_id: "5",
            title: "muted only",
            section: null,
            status: "pass",
            passing_resources: 0,
            failing_resources: 0,
            muted_resources: 1,
          },
        ],
      );
      // The same findings through the API: filters and the current set used for scores.
      const critical = await store.listFindings({
        severity: "critical",
        state: "open",
        checkId: "test.views.a",
      });
      assert.deepEqual(
        critical.map((f) => [f.resource.id, f.severity, f.compliance, f.evidence, f.remediation]),
        [
          [
            a.id,
            "critical",
            [{ framework: "test-fw", version: "1", control: "1.1" }],
            { path: "x", actual: 1, expected: 2 },
            "fix it",
          ],
        ],
      );
      const current = (await store.currentFindings()).filter((f) => f.scope === "views");
      assert.equal(current.length, 5);
      assert.equal(current.find((f) => f.checkId === "test.views.m")?.muted?.reason, "known");
    });
  });
}

describe("openStore errors", () => {
  test("a data folder that cannot be created is a one-line StoreError naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-store-bad-"));
    try {
      const file = join(dir, "a-file");
      writeFileSync(file, "not a folder");
      const dataDir = join(file, "data");
      await assert.rejects(
        openStore({ dataDir }),
        (e) => e instanceof StoreError && e.message.includes(dataDir) && !e.message.includes("\n"),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a PostgreSQL server that cannot be reached is a one-line StoreError naming the host", async () => {
    await assert.rejects(
      openStore({ databaseUrl: "postgres://postgres:secret@127.0.0.1:1/test" }),
      (e) =>
        e instanceof StoreError &&
        e.message === "cannot connect to PostgreSQL at 127.0.0.1:1/test: connection refused" &&
        !e.message.includes("secret"),
    );
  });

  test("a bad schema name is refused", async () => {
    await assert.rejects(openStore({ databaseUrl: DATABASE_URL, schema: 'x"; drop' }), StoreError);
  });

  test("PGlite: a second store on the same data folder is refused while the first is open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-store-lock-"));
    const first = await openStore({ dataDir: dir });
    try {
      await assert.rejects(
        openStore({ dataDir: dir }),
        (e) => e instanceof StoreError && /in use by process/.test(e.message),
      );
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("PostgreSQL: stores opened at the same time apply the migrations once", async () => {
    const target = postgresTarget();
    const stores = await Promise.all([1, 2, 3].map(() => openStore(target.options)));
    try {
      const applied = await rows(stores[0] as Store, "select version from schema_migration order by version");
      assert.deepEqual(
        applied.map((r) => r.version),
        loadMigrations().map((m) => m.version),
      );
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await target.cleanup();
    }
  });
});

describe("muteMatches", () => {
  const r = resource("arn:aws:iam::111122223333:role/path/admin", {}, { type: "aws.iam.role" });
  const f = finding("aws.iam.role-admin", r, "fail");
  const now = new Date("2025-06-01T00:00:00Z");
  const mute = (extra: Partial<Mute>): Mute => ({
    id: "m",
    owner: "o",
    reason: "r",
    createdAt: now.toISOString(),
    ...extra,
  });

  test("globs: * crosses slashes, ? is one character, {a,b} either", () => {
    assert.equal(muteMatches(mute({ resourceId: "arn:aws:iam::*:role/*" }), f, {}, now), true);
    assert.equal(muteMatches(mute({ checkId: "aws.iam.*" }), f, {}, now), true);
    assert.equal(muteMatches(mute({ checkId: "aws.s3.*" }), f, {}, now), false);
    assert.equal(muteMatches(mute({ checkId: "aws.iam.role-admi?" }), f, {}, now), true);
    assert.equal(muteMatches(mute({ checkId: "aws.{iam,s3}.role-admin" }), f, {}, now), true);
    assert.equal(
      muteMatches(mute({ resourceId: "arn:aws:iam::111122223333:role/admin" }), f, {}, now),
      false,
    );
  });

  test("every matcher set must match", () => {
    assert.equal(muteMatches(mute({ checkId: "aws.iam.*", account: "111122223333" }), f, {}, now), true);
    assert.equal(muteMatches(mute({ checkId: "aws.iam.*", account: "999999999999" }), f, {}, now), false);
    assert.equal(muteMatches(mute({ region: "eu-west-1" }), f, {}, now), true);
    assert.equal(muteMatches(mute({ region: "us-east-1" }), f, {}, now), false);
  });

  test("tags: the key must be present; the value is a glob", () => {
    assert.equal(muteMatches(mute({ tagKey: "env" }), f, { env: "prod" }, now), true);
    assert.equal(muteMatches(mute({ tagKey: "env" }), f, {}, now), false);
    assert.equal(muteMatches(mute({ tagKey: "env", tagValue: "dev*" }), f, { env: "dev-7" }, now), true);
    assert.equal(muteMatches(mute({ tagKey: "env", tagValue: "dev*" }), f, { env: "prod" }, now), false);
    assert.equal(muteMatches(mute({ tagKey: "toString" }), f, {}, now), false);
  });

  test("an expired mute no longer applies", () => {
    assert.equal(muteMatches(mute({ checkId: "*", expiresAt: "2025-06-02T00:00:00Z" }), f, {}, now), true);
    assert.equal(muteMatches(mute({ checkId: "*", expiresAt: "2025-06-01T00:00:00Z" }), f, {}, now), false);
    assert.equal(muteMatches(mute({ checkId: "*", expiresAt: "2025-05-01T00:00:00Z" }), f, {}, now), false);
  });
});
