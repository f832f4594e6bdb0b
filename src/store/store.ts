import { randomBytes, randomUUID } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";
import type {
  Finding,
  FindingStatus,
  Framework,
  Location,
  Provider,
  Resource,
  ResourceRef,
  ScanSummary,
  Severity,
} from "../model/index.js";
import { chunks, contentHash, iso, isoOrUndefined, stringOrUndefined, toJson } from "./codec.js";
import type { Db, DriverName, Queryable } from "./db.js";
import { diffScans, type ScanDiff } from "./diff.js";
import { SqlError, StoreError } from "./errors.js";
import { migrate } from "./migrate.js";
import { findMute, type Mute, type MuteTarget, mutedBy, mutePatternProblems, type NewMute } from "./mutes.js";
import { openPglite } from "./pglite.js";
import { openPostgres } from "./postgres.js";
import { type QueryOptions, type QueryResult, runReadOnlyQuery } from "./query.js";
import * as SQL from "./sql.js";

export const DEFAULT_SCHEMA = "mamori";
export const DEFAULT_DATA_DIR = join(homedir(), ".mamori");
/** On PostgreSQL, a running scan with no batch for this long is taken for dead when a store opens. */
export const DEFAULT_STALE_SCAN_MS = 6 * 60 * 60 * 1000;

export interface OpenStoreOptions {
  /** Folder of the embedded database (PGlite); default ~/.mamori. Ignored when databaseUrl is set. */
  dataDir?: string;
  /** postgres://… — use this PostgreSQL database instead of the embedded one. */
  databaseUrl?: string;
  /** PostgreSQL schema holding every table and view; default "mamori". */
  schema?: string;
  /** PostgreSQL only: running scans with no activity for this long are marked failed on open. */
  staleScanAfterMs?: number;
}

export interface ScanStart {
  /** "snapshot", "iac", "aws", … */
  kind: string;
  /** What is scanned, for people. */
  target: string;
  /** What the scan fully covers; see docs/store.md. */
  scope: string;
}

export type ScanStatus = "running" | "completed" | "failed";

/** What completing a scan changed in the current state. */
export interface ScanChanges {
  /** Failing for the first time (or after only passing before). */
  new: number;
  /** Failing again after having been resolved. */
  reopened: number;
  /** Failing before and still failing. */
  stillOpen: number;
  /** Were failing; now pass, are not applicable or were not seen. */
  resolved: number;
  /** Failing and muted. */
  muted: number;
  /** Resources the scan saw. */
  resources: number;
  /** Resources that were new or whose content changed (a history row each). */
  resourcesChanged: number;
  /** Resources of the scope the scan no longer saw. */
  resourcesRemoved: number;
}

export interface ScanRecord {
  id: string;
  kind: string;
  target: string;
  scope: string;
  status: ScanStatus;
  startedAt: string;
  finishedAt?: string;
  summary?: ScanSummary;
  changes?: ScanChanges;
  error?: string;
}

export type FindingState = "open" | "resolved" | "muted";

/** A finding as the store keeps it: the last observation plus its lifecycle. */
export interface StoredFinding extends Finding {
  state: FindingState;
  firstSeen: string;
  lastSeen: string;
  /** When it last stopped failing. */
  resolvedAt?: string;
  muteId?: string;
  scope: string;
  lastScanId: string;
  /** Seen by the last completed scan of its scope. */
  current: boolean;
}

export interface FindingFilter {
  state?: FindingState;
  severity?: Severity | readonly Severity[];
  checkId?: string;
  scope?: string;
  /** Default 100, at most 10 000. */
  limit?: number;
  offset?: number;
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const PAGE = 1000;

/**
 * Opens the store: PostgreSQL when `databaseUrl` is set, else PGlite in
 * `dataDir`. Applies pending migrations and marks scans whose process died
 * as failed.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!NAME.test(schema)) {
    throw new StoreError(`schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _ only`);
  }
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, schema)
    : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR, schema);
  const store = new Store(db, schema);
  try {
    await migrate(db, schema);
    await store.failAbandonedScans(
      db.driver === "pglite" ? 0 : (options.staleScanAfterMs ?? DEFAULT_STALE_SCAN_MS),
    );
    await store.refreshExpiredMutes();
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return store;
}

interface ScanRow {
  id: string;
  kind: string;
  target: string;
  scope: string;
  status: ScanStatus;
  started_at: unknown;
  finished_at: unknown;
  summary: ScanSummary | null;
  changes: ScanChanges | null;
  error: string | null;
}

interface FindingRow {
  fingerprint: string;
  check_id: string;
  resource_id: string;
  resource_type: string;
  resource_name: string;
  provider: string;
  account: string | null;
  region: string | null;
  key: string | null;
  status: string;
  severity: string;
  title: string;
  message: string;
  evidence: Finding["evidence"] | null;
  location: Location | null;
  compliance: Finding["compliance"] | null;
  remediation: string | null;
  suppression: Finding["muted"] | null;
  state: string;
  mute_id: string | null;
  first_seen: unknown;
  last_seen: unknown;
  resolved_at: unknown;
  scope: string;
  last_scan_id: string;
  in_last_scan: boolean;
  mute_reason: string | null;
  mute_owner: string | null;
  mute_expires_at: unknown;
}

interface MuteRow {
  id: string;
  check_id: string | null;
  resource_id: string | null;
  account: string | null;
  region: string | null;
  tag_key: string | null;
  tag_value: string | null;
  owner: string;
  reason: string;
  created_at: unknown;
  expires_at: unknown;
}

interface CandidateRow {
  fingerprint: string;
  check_id: string;
  resource_id: string;
  account: string | null;
  region: string | null;
  state: string;
  mute_id: string | null;
  suppressed: boolean;
  tags: Record<string, string> | null;
}

const FINDING_COLUMNS = `f.*, m.reason as mute_reason, m.owner as mute_owner, m.expires_at as mute_expires_at
  from finding_state f left join mute m on m.id = f.mute_id`;

/** The scan history, inventory, findings, mutes and compliance controls, in one PostgreSQL schema. */
export class Store {
  readonly #db: Db;
  readonly #schema: string;

  /** Use openStore. */
  constructor(db: Db, schema: string) {
    this.#db = db;
    this.#schema = schema;
  }

  get driver(): DriverName {
    return this.#db.driver;
  }

  /** "PGlite in …" or "PostgreSQL at …", for messages. */
  get location(): string {
    return this.#db.location;
  }

  get schema(): string {
    return this.#schema;
  }

  /** The database, for modules that keep their own tables in this schema (advisories.ts). */
  get database(): Db {
    return this.#db;
  }

  /** The database itself, for modules that keep tables of their own in this schema (src/server). */
  get db(): Db {
    return this.#db;
  }

  // ---- scan lifecycle -------------------------------------------------------

  /** Records a running scan and returns its id; committed at once. */
  async beginScan(start: ScanStart): Promise<string> {
    for (const [field, value] of Object.entries(start)) {
      if (typeof value !== "string" || value.trim() === "")
        throw new StoreError(`beginScan: ${field} must be a non-empty string`);
    }
    const id = randomUUID();
    await this.#db.query("insert into scan (id, kind, target, scope) values ($1, $2, $3, $4)", [
      id,
      start.kind,
      start.target,
      start.scope,
    ]);
    return id;
  }

  /**
   * Stages one batch of a running scan, in its own transaction. Nothing of
   * the current state changes until completeScan. A resource or finding
   * staged twice in one scan keeps the last version.
   */
  async recordBatch(
    scanId: string,
    resources: readonly Resource[],
    findings: readonly Finding[],
  ): Promise<void> {
    const resourceRows = new Map<string, Record<string, unknown>>();
    for (const r of resources) {
      resourceRows.set(`${r.type}\u0000${r.id}`, {
        type: r.type,
        id: r.id,
        provider: r.provider,
        account: r.account ?? null,
        region: r.region ?? null,
        name: r.name,
        tags: r.tags,
        properties: r.properties,
        provenance: r.provenance,
        content_hash: contentHash(r),
      });
    }
    const findingRows = new Map<string, Record<string, unknown>>();
    for (const f of findings) {
      findingRows.set(f.fingerprint, {
        fingerprint: f.fingerprint,
        check_id: f.checkId,
        resource_id: f.resource.id,
        resource_type: f.resource.type,
        resource_name: f.resource.name,
        provider: f.resource.provider,
        account: f.resource.account ?? null,
        region: f.resource.region ?? null,
        key: f.key ?? null,
        status: f.status,
        severity: f.severity,
        title: f.title,
        message: f.message,
        evidence: f.evidence ?? null,
        location: f.location ?? null,
        compliance: f.compliance,
        remediation: f.remediation ?? null,
        suppression: f.muted ?? null,
      });
    }
    try {
      await this.#db.transaction(async (tx) => {
        await this.#touchRunningScan(tx, scanId);
        for (const chunk of chunks([...resourceRows.values()], 250))
          await tx.query(SQL.STAGE_RESOURCES, [scanId, toJson(chunk)]);
        for (const chunk of chunks([...findingRows.values()], 500))
          await tx.query(SQL.STAGE_FINDINGS, [scanId, toJson(chunk)]);
      });
    } catch (error) {
      if (error instanceof SqlError && (error.code === "23502" || error.code === "23514")) {
        throw new StoreError(`scan ${scanId}: batch refused, nothing of it was recorded: ${error.message}`);
      }
      throw error;
    }
  }

  /**
   * Applies the scan's batches to the current state in ONE transaction and
   * marks the scan completed: resources upserted (a history row when new or
   * changed), findings upserted, failing findings of the scope that the scan
   * no longer sees failing resolved, resolved ones that fail again reopened,
   * active mutes applied. Until it commits, readers see the state as before.
   */
  async completeScan(scanId: string, summary: ScanSummary): Promise<ScanChanges> {
    return this.#db.transaction(async (tx) => {
      await this.#lockState(tx);
      const scope = await this.#runningScope(tx, scanId);
      const params = [scanId, scope];
      const changed = await count(tx, SQL.RECORD_VERSIONS, [scanId]);
      const seen = await count(tx, SQL.MERGE_RESOURCES, params);
      const removed = await count(tx, SQL.REMOVE_UNSEEN_RESOURCES, params);
      await tx.query(SQL.MERGE_FINDINGS, params);
      const unseenResolved = await count(tx, SQL.RESOLVE_UNSEEN_FINDINGS, params);
      await this.#applyMutes(tx, "f.last_scan_id = $3", [scanId], { afterMerge: true });
      await tx.query(SQL.RECORD_OBSERVATIONS, params);
      const [counts] = await tx.query<{
        new: number;
        reopened: number;
        still_open: number;
        muted: number;
        resolved: number;
      }>(SQL.COUNT_CHANGES, params);
      const changes: ScanChanges = {
        new: counts?.new ?? 0,
        reopened: counts?.reopened ?? 0,
        stillOpen: counts?.still_open ?? 0,
        resolved: (counts?.resolved ?? 0) + unseenResolved,
        muted: counts?.muted ?? 0,
        resources: seen,
        resourcesChanged: changed,
        resourcesRemoved: removed,
      };
      await dropStaged(tx, scanId);
      await tx.query(
        "update scan set status = 'completed', finished_at = now(), summary = $2::jsonb, changes = $3::jsonb where id = $1",
        [scanId, toJson(summary), toJson(changes)],
      );
      return changes;
    });
  }

  /** Marks a running scan failed and drops its batches; the current state is untouched. No-op when it is not running. */
  async failScan(scanId: string, message: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const rows = await tx.query<{ status: string }>("select status from scan where id = $1 for update", [
        scanId,
      ]);
      if (rows.length === 0) throw new StoreError(`no scan with id ${scanId}`);
      if (rows[0]?.status !== "running") return;
      await tx.query("update scan set status = 'failed', finished_at = now(), error = $2 where id = $1", [
        scanId,
        message,
      ]);
      await dropStaged(tx, scanId);
    });
  }

  /**
   * Scans left running by a process that died: on PGlite (one process per
   * data folder) every running scan; on PostgreSQL those with no batch for
   * `staleAfterMs`. Returns how many were marked failed.
   */
  async failAbandonedScans(staleAfterMs: number): Promise<number> {
    return this.#db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `update scan set status = 'failed', finished_at = now(),
           error = 'interrupted: the process running the scan stopped before completing it'
         where status = 'running' and heartbeat_at <= now() - make_interval(secs => $1)
         returning id`,
        [staleAfterMs / 1000],
      );
      for (const row of rows) await dropStaged(tx, row.id);
      return rows.length;
    });
  }

  async getScan(id: string): Promise<ScanRecord | undefined> {
    const rows = await this.#db.query<ScanRow>("select * from scan where id = $1", [id]);
    return rows[0] && scanFromRow(rows[0]);
  }

  /** Newest first. */
  async listScans(options: { limit?: number } = {}): Promise<ScanRecord[]> {
    const rows = await this.#db.query<ScanRow>("select * from scan order by started_at desc, id limit $1", [
      clampLimit(options.limit ?? 50),
    ]);
    return rows.map(scanFromRow);
  }

  // ---- findings -------------------------------------------------------------

  /** Most severe first, then most recently seen. */
  async listFindings(filter: FindingFilter = {}): Promise<StoredFinding[]> {
    const severities =
      filter.severity === undefined
        ? null
        : typeof filter.severity === "string"
          ? [filter.severity]
          : [...filter.severity];
    const rows = await this.#db.query<FindingRow>(
      `select ${FINDING_COLUMNS}
       where ($1::text is null or f.state = $1) and ($2::text[] is null or f.severity = any ($2))
         and ($3::text is null or f.check_id = $3) and ($4::text is null or f.scope = $4)
       order by array_position(array['critical', 'high', 'medium', 'low', 'info'], f.severity), f.last_seen desc,
         f.fingerprint
       limit $5 offset $6`,
      [
        filter.state ?? null,
        severities,
        filter.checkId ?? null,
        filter.scope ?? null,
        clampLimit(filter.limit ?? 100),
        Math.max(0, Math.floor(filter.offset ?? 0)),
      ],
    );
    return rows.map(findingFromRow);
  }

  /** What changed between two completed scans: findings new, resolved or changed, resources new or changed. */
  diffScans(fromId: string, toId: string): Promise<ScanDiff> {
    return diffScans(this.#db, fromId, toId);
  }

  /** Every finding of every status seen by the last completed scan of its scope (for compliance scores). */
  async currentFindings(): Promise<StoredFinding[]> {
    const rows = await this.#db.query<FindingRow>(
      `select ${FINDING_COLUMNS} where f.in_last_scan order by f.fingerprint`,
    );
    return rows.map(findingFromRow);
  }

  // ---- frameworks -----------------------------------------------------------

  /** Upserts these frameworks and replaces their controls; other frameworks in the store are left alone. */
  async syncFrameworks(frameworks: readonly Framework[]): Promise<void> {
    await this.#db.transaction(async (tx) => {
      for (const fw of frameworks) {
        await tx.query(SQL.SYNC_FRAMEWORK, [
          fw.framework,
          fw.version,
          fw.id,
          fw.name,
          fw.description ?? null,
        ]);
        await tx.query("delete from framework_control where framework = $1 and version = $2", [
          fw.framework,
          fw.version,
        ]);
        const controls = new Map<string, Record<string, unknown>>();
        fw.controls.forEach((c, position) => {
          controls.set(c.id, {
            id: c.id,
            position,
            title: c.title,
            section: c.section ?? null,
            profile: c.profile ?? null,
            automated: c.automated,
            checks: c.checks,
          });
        });
        for (const chunk of chunks([...controls.values()], 500)) {
          await tx.query(SQL.SYNC_CONTROLS, [fw.framework, fw.version, toJson(chunk)]);
        }
      }
    });
  }

  // ---- mutes ----------------------------------------------------------------

  /** Stores a mute and applies it at once to the findings failing now. */
  async addMute(input: NewMute): Promise<Mute> {
    const problems = mutePatternProblems(input);
    if (problems.length > 0) throw new StoreError(`mute refused: ${problems.join("; ")}`);
    const id = randomBytes(6).toString("hex");
    return this.#db.transaction(async (tx) => {
      await this.#lockState(tx);
      const rows = await tx.query<MuteRow>(
        `insert into mute (id, check_id, resource_id, account, region, tag_key, tag_value, owner, reason, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *`,
        [
          id,
          input.checkId || null,
          input.resourceId || null,
          input.account || null,
          input.region || null,
          input.tagKey || null,
          input.tagValue ?? null,
          input.owner,
          input.reason,
          input.expiresAt === undefined ? null : new Date(input.expiresAt).toISOString(),
        ],
      );
      await this.#applyMutes(tx, "f.state = 'open'", []);
      const row = rows[0];
      if (!row) throw new StoreError("mute was not stored");
      return muteFromRow(row);
    });
  }

  /** Oldest first, expired ones included. */
  async listMutes(): Promise<Mute[]> {
    const rows = await this.#db.query<MuteRow>("select * from mute order by created_at, id");
    return rows.map(muteFromRow);
  }

  /** Mutes that have not expired, oldest first. */
  async activeMutes(): Promise<Mute[]> {
    const rows = await this.#db.query<MuteRow>(
      "select * from mute where expires_at is null or expires_at > now() order by created_at, id",
    );
    return rows.map(muteFromRow);
  }

  /** Deletes a mute; the findings it muted open again unless another mute applies. False when there was none. */
  async removeMute(id: string): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      await this.#lockState(tx);
      const rows = await tx.query("delete from mute where id = $1 returning id", [id]);
      if (rows.length === 0) return false;
      await this.#applyMutes(tx, "f.mute_id = $3", [id]);
      return true;
    });
  }

  /** What `Finding.muted` should say for a finding, from mutes loaded with activeMutes(); undefined when none applies. */
  muteFor(
    mutes: readonly Mute[],
    finding: MuteTarget,
    resourceTags: Readonly<Record<string, string>>,
    now: Date = new Date(),
  ): Finding["muted"] | undefined {
    const mute = findMute(mutes, finding, resourceTags, now);
    return mute && mutedBy(mute);
  }

  /** Findings muted by a mute that has expired since open again (unless another mute applies). */
  async refreshExpiredMutes(): Promise<void> {
    const expired = await this.#db.query<{ id: string }>(
      `select m.id from mute m where m.expires_at <= now()
         and exists (select 1 from finding_state f where f.mute_id = m.id and f.state = 'muted')`,
    );
    if (expired.length === 0) return;
    await this.#db.transaction(async (tx) => {
      await this.#lockState(tx);
      await this.#applyMutes(
        tx,
        "f.state = 'muted' and f.mute_id in (select id from mute where expires_at <= now())",
        [],
      );
    });
  }

  // ---- SQL for people -------------------------------------------------------

  /** One read-only statement (`mamori query`); refusals and failures are QueryError. */
  query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return runReadOnlyQuery(this.#db, sql, options);
  }

  async close(): Promise<void> {
    await this.#db.close();
  }

  // ---- internals ------------------------------------------------------------

  /**
   * Merges and mute changes run one at a time (an advisory lock per schema),
   * so two scans completing at once on PostgreSQL cannot deadlock or resolve
   * each other's findings half-way.
   */
  async #lockState(tx: Queryable): Promise<void> {
    await tx.query("select pg_advisory_xact_lock(hashtext($1))", [`mamori.state:${this.#schema}`]);
  }

  async #touchRunningScan(tx: Queryable, scanId: string): Promise<void> {
    const rows = await tx.query(
      "update scan set heartbeat_at = now() where id = $1 and status = 'running' returning id",
      [scanId],
    );
    if (rows.length === 0) await this.#runningScope(tx, scanId);
  }

  async #runningScope(tx: Queryable, scanId: string): Promise<string> {
    const rows = await tx.query<{ scope: string; status: string }>(
      "select scope, status from scan where id = $1 for update",
      [scanId],
    );
    const scan = rows[0];
    if (!scan) throw new StoreError(`no scan with id ${scanId}`);
    if (scan.status !== "running") throw new StoreError(`scan ${scanId} is ${scan.status}, not running`);
    return scan.scope;
  }

  /**
   * Sets state and mute_id of the failing findings matching `filter` (SQL on
   * finding_state f; its parameters from $3) from the active mutes, a page
   * at a time so memory stays bounded: muted by the oldest mute that
   * matches, else by an inline suppression, else open.
   */
  async #applyMutes(
    tx: Queryable,
    filter: string,
    filterParams: unknown[],
    options: { afterMerge?: boolean } = {},
  ): Promise<void> {
    const mutes = (
      await tx.query<MuteRow>(
        "select * from mute where expires_at is null or expires_at > now() order by created_at, id",
      )
    ).map(muteFromRow);
    // Without active mutes the merge already left every state right: failing findings are
    // open, or muted by an inline suppression, and none keeps a mute id.
    if (mutes.length === 0 && options.afterMerge) return;
    const now = new Date();
    let after = "";
    for (;;) {
      const rows = await tx.query<CandidateRow>(SQL.MUTE_CANDIDATES(filter), [after, PAGE, ...filterParams]);
      const updates: { fingerprint: string; state: FindingState; mute_id: string | null }[] = [];
      for (const row of rows) {
        const target: MuteTarget = { checkId: row.check_id, resource: { id: row.resource_id } };
        if (row.account !== null) target.resource.account = row.account;
        if (row.region !== null) target.resource.region = row.region;
        const mute = findMute(mutes, target, row.tags ?? {}, now);
        const state: FindingState = mute || row.suppressed ? "muted" : "open";
        const muteId = mute?.id ?? null;
        if (state !== row.state || muteId !== row.mute_id)
          updates.push({ fingerprint: row.fingerprint, state, mute_id: muteId });
      }
      if (updates.length > 0) await tx.query(SQL.SET_MUTE_STATE, [toJson(updates)]);
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = last.fingerprint;
    }
  }
}

async function count(tx: Queryable, sql: string, params: unknown[]): Promise<number> {
  const rows = await tx.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

/** Drops the batches of a scan once it completed or failed. */
async function dropStaged(tx: Queryable, scanId: string): Promise<void> {
  await tx.query("delete from stage_resource where scan_id = $1", [scanId]);
  await tx.query("delete from stage_finding where scan_id = $1", [scanId]);
}

function clampLimit(limit: number): number {
  return Math.min(10_000, Math.max(1, Math.floor(limit)));
}

function scanFromRow(row: ScanRow): ScanRecord {
  const scan: ScanRecord = {
    id: row.id,
    kind: row.kind,
    target: row.target,
    scope: row.scope,
    status: row.status,
    startedAt: iso(row.started_at),
  };
  const finishedAt = isoOrUndefined(row.finished_at);
  if (finishedAt) scan.finishedAt = finishedAt;
  if (row.summary) scan.summary = row.summary;
  if (row.changes) scan.changes = row.changes;
  if (row.error !== null) scan.error = row.error;
  return scan;
}

function findingFromRow(row: FindingRow): StoredFinding {
  const resource: ResourceRef = {
    id: row.resource_id,
    type: row.resource_type,
    name: row.resource_name,
    provider: row.provider as Provider,
  };
  if (row.account !== null) resource.account = row.account;
  if (row.region !== null) resource.region = row.region;
  const finding: StoredFinding = {
    checkId: row.check_id,
    title: row.title,
    status: row.status as FindingStatus,
    severity: row.severity as Severity,
    message: row.message,
    resource,
    compliance: row.compliance ?? [],
    fingerprint: row.fingerprint,
    state: row.state as FindingState,
    firstSeen: iso(row.first_seen),
    lastSeen: iso(row.last_seen),
    scope: row.scope,
    lastScanId: row.last_scan_id,
    current: row.in_last_scan,
  };
  if (row.evidence) finding.evidence = row.evidence;
  if (row.location) finding.location = row.location;
  if (row.remediation !== null) finding.remediation = row.remediation;
  if (row.key !== null) finding.key = row.key;
  const resolvedAt = isoOrUndefined(row.resolved_at);
  if (resolvedAt) finding.resolvedAt = resolvedAt;
  if (row.mute_id !== null) finding.muteId = row.mute_id;
  if (finding.state === "muted") {
    if (row.mute_reason !== null) {
      const muted: NonNullable<Finding["muted"]> = { reason: row.mute_reason };
      const owner = stringOrUndefined(row.mute_owner);
      const expiresAt = isoOrUndefined(row.mute_expires_at);
      if (owner) muted.owner = owner;
      if (expiresAt) muted.expiresAt = expiresAt;
      finding.muted = muted;
    } else if (row.suppression) finding.muted = row.suppression;
  }
  return finding;
}

function muteFromRow(row: MuteRow): Mute {
  const mute: Mute = { id: row.id, owner: row.owner, reason: row.reason, createdAt: iso(row.created_at) };
  if (row.check_id !== null) mute.checkId = row.check_id;
  if (row.resource_id !== null) mute.resourceId = row.resource_id;
  if (row.account !== null) mute.account = row.account;
  if (row.region !== null) mute.region = row.region;
  if (row.tag_key !== null) mute.tagKey = row.tag_key;
  if (row.tag_value !== null) mute.tagValue = row.tag_value;
  const expiresAt = isoOrUndefined(row.expires_at);
  if (expiresAt) mute.expiresAt = expiresAt;
  return mute;
}
