import type { Severity } from "../model/index.js";
import type { Queryable } from "./db.js";

/** One finding whose status differs between two scans. */
export interface FindingChange {
  fingerprint: string;
  checkId: string;
  title: string;
  severity: Severity;
  resourceId: string;
  resourceType: string;
  resourceName: string;
  key?: string;
  /** Status in the earlier scan; absent when that scan did not evaluate it. */
  from?: string;
  /** Status in the later scan; absent when that scan did not evaluate it. */
  to?: string;
}

export interface ResourceChange {
  type: string;
  id: string;
  name: string;
  /** `new`: first recorded after the earlier scan; `changed`: its properties differ. */
  change: "new" | "changed";
}

export interface ScanDiff {
  from: string;
  to: string;
  /** Failing in the later scan, not failing in the earlier one. */
  new: FindingChange[];
  /** Failing in the earlier scan, no longer failing (passing, not applicable or gone) in the later one. */
  resolved: FindingChange[];
  /** Any other change of status (e.g. error → pass). */
  changed: FindingChange[];
  resources: ResourceChange[];
  /** Set when the scans cover different scopes, so absence is not a resolution. */
  warning?: string;
}

const FINDING_CHANGES = `
with a as (select fingerprint, status from observation where scan_id = $1),
     b as (select fingerprint, status from observation where scan_id = $2)
select fingerprint, a.status as from_status, b.status as to_status, f.check_id, f.title, f.severity,
  f.resource_id, f.resource_type, f.resource_name, f.key
from a full join b using (fingerprint)
join finding_state f using (fingerprint)
where a.status is distinct from b.status
order by array_position(array['critical', 'high', 'medium', 'low', 'info'], f.severity), f.check_id,
  f.resource_id, fingerprint`;

// Versions are recorded only when a resource's content changes, so the versions written by the
// scans after `from` up to `to` (same scope) are exactly the resources that are new or changed.
const RESOURCE_CHANGES = `
select distinct on (v.type, v.id) v.type, v.id, v.name,
  exists (select 1 from resource_version p join scan ps on ps.id = p.scan_id
          where p.type = v.type and p.id = v.id and ps.started_at <= $1) as existed
from resource_version v join scan s on s.id = v.scan_id
where s.scope = $3 and s.status = 'completed' and s.started_at > $1 and s.started_at <= $2
order by v.type, v.id, s.started_at desc`;

interface ScanRow {
  id: string;
  scope: string;
  started_at: string | Date;
  status: string;
}

export class ScanDiffError extends Error {
  override name = "ScanDiffError";
}

export async function diffScans(db: Queryable, fromId: string, toId: string): Promise<ScanDiff> {
  const scans = await db.query<ScanRow>("select id, scope, started_at, status from scan where id = any($1)", [
    [fromId, toId],
  ]);
  const from = scans.find((s) => s.id === fromId);
  const to = scans.find((s) => s.id === toId);
  for (const [name, id, scan] of [
    ["--from", fromId, from],
    ["--to", toId, to],
  ] as const) {
    if (!scan)
      throw new ScanDiffError(`${name} ${id}: no such scan (see \`mamori query "select * from scans"\`)`);
    if (scan.status !== "completed")
      throw new ScanDiffError(`${name} ${id}: the scan is ${scan.status}, not completed`);
  }
  if (!from || !to) throw new ScanDiffError("unreachable");
  const rows = await db.query<{
    fingerprint: string;
    from_status: string | null;
    to_status: string | null;
    check_id: string;
    title: string;
    severity: Severity;
    resource_id: string;
    resource_type: string;
    resource_name: string;
    key: string | null;
  }>(FINDING_CHANGES, [fromId, toId]);
  const diff: ScanDiff = { from: fromId, to: toId, new: [], resolved: [], changed: [], resources: [] };
  const sameScope = from.scope === to.scope;
  if (!sameScope)
    diff.warning = `the scans cover different scopes (${from.scope} and ${to.scope}); findings outside either are not compared`;
  for (const row of rows) {
    const change: FindingChange = {
      fingerprint: row.fingerprint,
      checkId: row.check_id,
      title: row.title,
      severity: row.severity,
      resourceId: row.resource_id,
      resourceType: row.resource_type,
      resourceName: row.resource_name,
    };
    if (row.key !== null) change.key = row.key;
    if (row.from_status !== null) change.from = row.from_status;
    if (row.to_status !== null) change.to = row.to_status;
    if (row.to_status === "fail") diff.new.push(change);
    else if (row.from_status === "fail" && (row.to_status !== null || sameScope)) diff.resolved.push(change);
    else if (row.from_status !== null && row.to_status !== null) diff.changed.push(change);
  }
  if (sameScope) {
    const resources = await db.query<{ type: string; id: string; name: string; existed: boolean }>(
      RESOURCE_CHANGES,
      [from.started_at, to.started_at, to.scope],
    );
    diff.resources = resources.map((r) => ({
      type: r.type,
      id: r.id,
      name: r.name,
      change: r.existed ? "changed" : "new",
    }));
  }
  return diff;
}
