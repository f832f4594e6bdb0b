-- Mamori store, version 1. Names are unqualified: the migration runner sets
-- search_path to the store's schema (default "mamori"). Tables hold the data;
-- the views at the end are what users query (docs/store.md).

-- One row per scan. Status moves running -> completed | failed, once.
create table scan (
  id text primary key,
  kind text not null,
  target text not null,
  -- What the scan fully covers; findings of the same scope that it no longer
  -- sees failing are resolved when it completes.
  scope text not null,
  status text not null default 'running' check (status in ('running', 'completed', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  -- Updated by every batch, so a scan whose process died can be told from a slow one.
  heartbeat_at timestamptz not null default now(),
  summary jsonb,
  -- What completing the scan changed: {"new", "reopened", "stillOpen", "resolved", "muted", ...}.
  changes jsonb,
  error text
);
create index scan_started on scan (started_at desc);
create index scan_running on scan (heartbeat_at) where status = 'running';

-- Current state of every resource ever seen, one row per (type, id).
create table resource_state (
  type text not null,
  id text not null,
  provider text not null,
  account text,
  region text,
  name text not null,
  tags jsonb not null default '{}',
  properties jsonb not null default '{}',
  provenance jsonb not null,
  -- sha256 of the content (provider, account, region, name, tags, properties), not of the provenance.
  content_hash text not null,
  scope text not null,
  first_seen timestamptz not null,
  last_seen timestamptz not null,
  last_scan_id text not null,
  -- False once a completed scan of the same scope no longer saw the resource.
  in_last_scan boolean not null default true,
  primary key (type, id)
);
create index resource_state_id on resource_state (id);
create index resource_state_scope on resource_state (scope, last_scan_id);

-- One row per scan in which a resource's content was new or changed.
create table resource_version (
  type text not null,
  id text not null,
  scan_id text not null,
  observed_at timestamptz not null,
  content_hash text not null,
  provider text not null,
  account text,
  region text,
  name text not null,
  tags jsonb not null,
  properties jsonb not null,
  provenance jsonb not null,
  primary key (type, id, scan_id)
);
create index resource_version_scan on resource_version (scan_id);

-- Current state of every finding ever seen, one row per fingerprint.
create table finding_state (
  fingerprint text primary key,
  check_id text not null,
  resource_id text not null,
  resource_type text not null,
  resource_name text not null,
  provider text not null,
  account text,
  region text,
  key text,
  -- The status the last scan that saw it reported.
  status text not null check (status in ('fail', 'pass', 'error', 'not_applicable')),
  severity text not null check (severity in ('critical', 'high', 'medium', 'low', 'info')),
  title text not null,
  message text not null,
  evidence jsonb,
  location jsonb,
  compliance jsonb not null default '[]',
  remediation text,
  -- An inline suppression set by the engine (Finding.muted), as it was.
  suppression jsonb,
  -- open: failing; muted: failing but muted; resolved: not failing (passed, not applicable or gone).
  state text not null check (state in ('open', 'resolved', 'muted')),
  mute_id text,
  first_seen timestamptz not null,
  last_seen timestamptz not null,
  -- When it last went from failing to resolved; null when it never failed or fails now.
  resolved_at timestamptz,
  scope text not null,
  last_scan_id text not null,
  in_last_scan boolean not null default true
);
create index finding_state_scope on finding_state (scope, last_scan_id);
create index finding_state_state on finding_state (state, severity);
create index finding_state_check on finding_state (check_id);
create index finding_state_resource on finding_state (resource_type, resource_id);
create index finding_state_mute on finding_state (mute_id) where mute_id is not null;

-- What each completed scan saw: the fingerprints with their status (for diffs between scans).
create table observation (
  scan_id text not null references scan (id) on delete cascade,
  fingerprint text not null,
  status text not null,
  -- The finding's state right after the scan completed.
  state text not null,
  primary key (scan_id, fingerprint)
);
create index observation_fingerprint on observation (fingerprint);

-- Batches of a running scan, merged into the state tables by completeScan and then deleted.
create table stage_resource (
  scan_id text not null references scan (id) on delete cascade,
  type text not null,
  id text not null,
  provider text not null,
  account text,
  region text,
  name text not null,
  tags jsonb not null,
  properties jsonb not null,
  provenance jsonb not null,
  content_hash text not null,
  observed_at timestamptz not null default now(),
  primary key (scan_id, type, id)
);

create table stage_finding (
  scan_id text not null references scan (id) on delete cascade,
  fingerprint text not null,
  check_id text not null,
  resource_id text not null,
  resource_type text not null,
  resource_name text not null,
  provider text not null,
  account text,
  region text,
  key text,
  status text not null check (status in ('fail', 'pass', 'error', 'not_applicable')),
  severity text not null check (severity in ('critical', 'high', 'medium', 'low', 'info')),
  title text not null,
  message text not null,
  evidence jsonb,
  location jsonb,
  compliance jsonb not null,
  remediation text,
  suppression jsonb,
  observed_at timestamptz not null default now(),
  -- Filled by completeScan before the merge, to count what changed.
  prev_state text,
  prev_resolved_at timestamptz,
  primary key (scan_id, fingerprint)
);

-- Mutes: a failing finding that matches every matcher given (globs for the
-- check and resource ids and the tag value) is muted until expires_at.
create table mute (
  id text primary key,
  check_id text,
  resource_id text,
  account text,
  region text,
  tag_key text,
  tag_value text,
  owner text not null,
  reason text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  check (coalesce(check_id, resource_id, account, region, tag_key) is not null),
  check (tag_value is null or tag_key is not null)
);

-- Compliance frameworks and their controls, synced from the framework data files.
create table framework (
  framework text not null,
  version text not null,
  id text not null unique,
  name text not null,
  description text,
  synced_at timestamptz not null default now(),
  primary key (framework, version)
);

create table framework_control (
  framework text not null,
  version text not null,
  control_id text not null,
  position integer not null,
  title text not null,
  section text,
  profile text,
  automated boolean not null,
  check_ids text[] not null default '{}',
  primary key (framework, version, control_id),
  foreign key (framework, version) references framework (framework, version) on delete cascade
);

-- Views for people (mamori query). Columns are documented in docs/store.md.

create view scans as
select
  id, kind, target, scope, status, started_at, finished_at,
  finished_at - started_at as duration,
  summary, changes, error
from scan;

create view resources as
select
  id, type, provider, account, region, name, tags, properties, provenance,
  scope, first_seen, last_seen, last_scan_id, content_hash
from resource_state
where in_last_scan;

create view resource_history as
select
  v.id, v.type, v.scan_id, v.observed_at, v.content_hash,
  v.provider, v.account, v.region, v.name, v.tags, v.properties, v.provenance
from resource_version v;

create view findings as
select
  f.fingerprint, f.check_id, f.state, f.status, f.severity, f.title, f.message,
  f.resource_id, f.resource_type, f.resource_name, f.provider, f.account, f.region, f.key,
  f.evidence, f.location, f.compliance, f.remediation,
  f.mute_id,
  case when f.state = 'muted' then coalesce(m.reason, f.suppression ->> 'reason') end as mute_reason,
  f.first_seen, f.last_seen, f.resolved_at, f.scope, f.last_scan_id, f.in_last_scan
from finding_state f
left join mute m on m.id = f.mute_id;

create view mutes as
select
  m.id, m.check_id, m.resource_id, m.account, m.region, m.tag_key, m.tag_value,
  m.owner, m.reason, m.created_at, m.expires_at,
  (m.expires_at is null or m.expires_at > now()) as active,
  (select count(*)::integer from finding_state f where f.mute_id = m.id and f.state = 'muted') as muted_findings
from mute m;

-- Per control: the current findings (seen by the last scan of their scope)
-- of its checks, grouped by resource. A resource fails the control when one
-- of them fails unmuted; status mirrors compliance/score.ts.
create view controls as
select
  c.framework || '-' || c.version as framework_id,
  c.framework, c.version, fw.name as framework_name,
  c.control_id, c.position, c.title, c.section, c.profile, c.automated, c.check_ids,
  case
    when not c.automated then 'manual'
    when coalesce(r.failing, 0) > 0 then 'fail'
    when coalesce(r.errors, 0) > 0 then 'error'
    when coalesce(r.passing, 0) + coalesce(r.muted, 0) > 0 then 'pass'
    else 'no_data'
  end as status,
  coalesce(r.passing, 0) as passing_resources,
  coalesce(r.failing, 0) as failing_resources,
  coalesce(r.muted, 0) as muted_resources,
  coalesce(r.errors, 0) as error_resources
from framework_control c
join framework fw on fw.framework = c.framework and fw.version = c.version
left join lateral (
  select
    count(*) filter (where per.outcome = 'fail')::integer as failing,
    count(*) filter (where per.outcome = 'error')::integer as errors,
    count(*) filter (where per.outcome = 'muted')::integer as muted,
    count(*) filter (where per.outcome = 'pass')::integer as passing
  from (
    select
      case
        when bool_or(f.status = 'fail' and f.state = 'open') then 'fail'
        when bool_or(f.status = 'error') then 'error'
        when bool_or(f.status = 'fail') then 'muted'
        when bool_or(f.status = 'pass') then 'pass'
        else 'not_applicable'
      end as outcome
    from finding_state f
    where f.in_last_scan and f.check_id = any (c.check_ids)
    group by f.resource_type, f.resource_id
  ) per
) r on true;
