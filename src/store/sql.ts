/**
 * The statements of the scan lifecycle. `$1` is always the scan id; rows
 * travel as one JSON array parameter read with `jsonb_to_recordset`, which
 * works the same on both drivers and keeps the statement count per batch
 * small.
 */

export const STAGE_RESOURCES = `
insert into stage_resource (scan_id, type, id, provider, account, region, name, tags, properties, provenance, content_hash)
select $1, x.type, x.id, x.provider, x.account, x.region, coalesce(x.name, x.id),
  coalesce(x.tags, '{}'), coalesce(x.properties, '{}'), coalesce(x.provenance, '{}'), x.content_hash
from jsonb_to_recordset($2::jsonb) as x(type text, id text, provider text, account text, region text, name text,
  tags jsonb, properties jsonb, provenance jsonb, content_hash text)
on conflict (scan_id, type, id) do update set
  provider = excluded.provider, account = excluded.account, region = excluded.region, name = excluded.name,
  tags = excluded.tags, properties = excluded.properties, provenance = excluded.provenance,
  content_hash = excluded.content_hash, observed_at = excluded.observed_at`;

export const STAGE_FINDINGS = `
insert into stage_finding (scan_id, fingerprint, check_id, resource_id, resource_type, resource_name, provider, account,
  region, key, status, severity, title, message, evidence, location, compliance, remediation, suppression)
select $1, x.fingerprint, x.check_id, x.resource_id, x.resource_type, coalesce(x.resource_name, x.resource_id),
  x.provider, x.account, x.region, x.key, x.status, x.severity, x.title, coalesce(x.message, ''), x.evidence,
  x.location, coalesce(x.compliance, '[]'), x.remediation, x.suppression
from jsonb_to_recordset($2::jsonb) as x(fingerprint text, check_id text, resource_id text, resource_type text,
  resource_name text, provider text, account text, region text, key text, status text, severity text, title text,
  message text, evidence jsonb, location jsonb, compliance jsonb, remediation text, suppression jsonb)
on conflict (scan_id, fingerprint) do update set
  check_id = excluded.check_id, resource_id = excluded.resource_id, resource_type = excluded.resource_type,
  resource_name = excluded.resource_name, provider = excluded.provider, account = excluded.account,
  region = excluded.region, key = excluded.key, status = excluded.status, severity = excluded.severity,
  title = excluded.title, message = excluded.message, evidence = excluded.evidence, location = excluded.location,
  compliance = excluded.compliance, remediation = excluded.remediation, suppression = excluded.suppression,
  observed_at = excluded.observed_at`;

/** A history row for every staged resource that is new or whose content changed. */
export const RECORD_VERSIONS = `
with added as (
  insert into resource_version (type, id, scan_id, observed_at, content_hash, provider, account, region, name, tags,
    properties, provenance)
  select s.type, s.id, s.scan_id, s.observed_at, s.content_hash, s.provider, s.account, s.region, s.name, s.tags,
    s.properties, s.provenance
  from stage_resource s
  left join resource_state r on r.type = s.type and r.id = s.id
  where s.scan_id = $1 and (r.id is null or r.content_hash <> s.content_hash)
  returning 1
)
select count(*)::integer as n from added`;

/** $2: the scan's scope. first_seen is kept; everything else becomes what this scan saw. */
export const MERGE_RESOURCES = `
with merged as (
  insert into resource_state as r (type, id, provider, account, region, name, tags, properties, provenance,
    content_hash, scope, first_seen, last_seen, last_scan_id, in_last_scan)
  select s.type, s.id, s.provider, s.account, s.region, s.name, s.tags, s.properties, s.provenance, s.content_hash,
    $2, s.observed_at, s.observed_at, s.scan_id, true
  from stage_resource s
  where s.scan_id = $1
  on conflict (type, id) do update set
    provider = excluded.provider, account = excluded.account, region = excluded.region, name = excluded.name,
    tags = excluded.tags, properties = excluded.properties, provenance = excluded.provenance,
    content_hash = excluded.content_hash, scope = excluded.scope, last_seen = excluded.last_seen,
    last_scan_id = excluded.last_scan_id, in_last_scan = true
  returning 1
)
select count(*)::integer as n from merged`;

/** Resources of the scope that this scan did not see are no longer in the inventory. */
export const REMOVE_UNSEEN_RESOURCES = `
with gone as (
  update resource_state set in_last_scan = false
  where scope = $2 and last_scan_id <> $1 and in_last_scan
  returning 1
)
select count(*)::integer as n from gone`;

/**
 * Upserts the scan's findings. A failing finding is open (or muted by an
 * inline suppression; stored mutes are applied next); anything else is
 * resolved, with resolved_at set when it was failing until now. An error
 * neither opens nor resolves: the check could not tell.
 */
export const MERGE_FINDINGS = `
insert into finding_state as f (fingerprint, check_id, resource_id, resource_type, resource_name, provider, account,
  region, key, status, severity, title, message, evidence, location, compliance, remediation, suppression, state,
  mute_id, first_seen, last_seen, resolved_at, scope, last_scan_id, in_last_scan, prev_state, prev_resolved_at)
select s.fingerprint, s.check_id, s.resource_id, s.resource_type, s.resource_name, s.provider, s.account, s.region,
  s.key, s.status, s.severity, s.title, s.message, s.evidence, s.location, s.compliance, s.remediation, s.suppression,
  case when s.status <> 'fail' then 'resolved' when s.suppression is null then 'open' else 'muted' end,
  null, s.observed_at, s.observed_at, null, $2, s.scan_id, true, null, null
from stage_finding s
where s.scan_id = $1
on conflict (fingerprint) do update set
  check_id = excluded.check_id, resource_id = excluded.resource_id, resource_type = excluded.resource_type,
  resource_name = excluded.resource_name, provider = excluded.provider, account = excluded.account,
  region = excluded.region, key = excluded.key, status = excluded.status, severity = excluded.severity,
  title = excluded.title, message = excluded.message, evidence = excluded.evidence, location = excluded.location,
  compliance = excluded.compliance, remediation = excluded.remediation, suppression = excluded.suppression,
  state = case
    when excluded.status = 'fail' then excluded.state
    when excluded.status = 'error' then f.state
    else 'resolved'
  end,
  mute_id = case when excluded.status = 'error' then f.mute_id end,
  resolved_at = case
    when excluded.status = 'fail' then null
    when excluded.status = 'error' then f.resolved_at
    when f.state in ('open', 'muted') then excluded.last_seen
    else f.resolved_at
  end,
  last_seen = excluded.last_seen, scope = excluded.scope, last_scan_id = excluded.last_scan_id, in_last_scan = true,
  prev_state = f.state, prev_resolved_at = f.resolved_at`;

/** Findings of the scope that this scan did not see: resolved if they were failing, no longer current. */
export const RESOLVE_UNSEEN_FINDINGS = `
with unseen as (
  select fingerprint, state in ('open', 'muted') as was_failing
  from finding_state
  where scope = $2 and last_scan_id <> $1 and (in_last_scan or state in ('open', 'muted'))
  for update
), resolved as (
  update finding_state f set
    in_last_scan = false,
    state = case when u.was_failing then 'resolved' else f.state end,
    resolved_at = case when u.was_failing then now() else f.resolved_at end,
    mute_id = case when u.was_failing then null else f.mute_id end
  from unseen u
  where f.fingerprint = u.fingerprint
  returning u.was_failing
)
select count(*) filter (where was_failing)::integer as n from resolved`;

/** $2: the scan's scope. The merge stamped every finding this scan saw with its id. */
export const RECORD_OBSERVATIONS = `
insert into observation (scan_id, fingerprint, status, state)
select $1, f.fingerprint, f.status, f.state
from finding_state f
where f.scope = $2 and f.last_scan_id = $1`;

/** What the scan changed, from each finding's state before (prev_*, written by the merge) and after. */
export const COUNT_CHANGES = `
select
  count(*) filter (where f.state = 'open'
    and (f.prev_state is null or (f.prev_state = 'resolved' and f.prev_resolved_at is null)))::integer as new,
  count(*) filter (where f.state = 'open' and f.prev_state = 'resolved' and f.prev_resolved_at is not null)::integer
    as reopened,
  count(*) filter (where f.state = 'open' and f.prev_state in ('open', 'muted'))::integer as still_open,
  count(*) filter (where f.state = 'muted')::integer as muted,
  count(*) filter (where f.state = 'resolved' and f.prev_state in ('open', 'muted'))::integer as resolved
from finding_state f
where f.scope = $2 and f.last_scan_id = $1`;

/** Failing findings with their resource's tags, a page at a time, for applying mutes. */
export const MUTE_CANDIDATES = (filter: string) => `
select f.fingerprint, f.check_id, f.resource_id, f.account, f.region, f.state, f.mute_id,
  f.suppression is not null as suppressed, r.tags
from finding_state f
left join resource_state r on r.type = f.resource_type and r.id = f.resource_id
where f.status = 'fail' and (${filter}) and f.fingerprint > $1
order by f.fingerprint
limit $2`;

export const SET_MUTE_STATE = `
update finding_state f set state = x.state, mute_id = x.mute_id
from jsonb_to_recordset($1::jsonb) as x(fingerprint text, state text, mute_id text)
where f.fingerprint = x.fingerprint`;

export const SYNC_FRAMEWORK = `
insert into framework (framework, version, id, name, description, synced_at)
values ($1, $2, $3, $4, $5, now())
on conflict (framework, version) do update set
  id = excluded.id, name = excluded.name, description = excluded.description, synced_at = excluded.synced_at`;

export const SYNC_CONTROLS = `
insert into framework_control (framework, version, control_id, position, title, section, profile, automated, check_ids)
select $1, $2, x.id, x.position, x.title, x.section, x.profile, x.automated,
  array(select jsonb_array_elements_text(coalesce(x.checks, '[]')))
from jsonb_to_recordset($3::jsonb) as x(id text, position integer, title text, section text, profile text,
  automated boolean, checks jsonb)`;
