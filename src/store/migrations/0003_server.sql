-- Mamori store, version 3: what `mamori serve` keeps (docs/server.md).

-- API tokens. Only the sha256 of a token is kept: a token is 32 random
-- bytes, so its hash needs no salt or slow KDF to resist guessing.
create table api_token (
  id text primary key,
  name text not null,
  role text not null check (role in ('admin', 'analyst', 'viewer', 'ingest')),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  created_by text,
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Every write through the API: who (token id and name), what (method, route,
-- target, outcome), when, from where.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  token_id text,
  actor text not null,
  role text,
  action text not null,
  target text,
  status integer not null,
  ip text,
  detail jsonb
);
create index audit_log_at on audit_log (at desc);

-- Background jobs of the server (scans of uploaded snapshots).
create table job (
  id text primary key,
  kind text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
  created_by text not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  log jsonb not null default '[]',
  result jsonb,
  error text
);
create index job_created on job (created_at desc);

-- Alerts received by the ingest endpoints: Falco's own alerts (Falcosidekick
-- format) and those the detection engine raised on ingested events.
create table ingested_alert (
  id text primary key,
  received_at timestamptz not null default now(),
  time timestamptz not null,
  rule text not null,
  priority text not null,
  source text not null,
  output text not null,
  tags text[] not null default '{}',
  fields jsonb not null default '{}',
  event_id text,
  hostname text,
  -- "falco" (received as an alert) or "engine" (raised here from an event).
  origin text not null
);
create index ingested_alert_time on ingested_alert (time desc);
create unique index ingested_alert_event on ingested_alert (source, rule, event_id) where event_id is not null;
