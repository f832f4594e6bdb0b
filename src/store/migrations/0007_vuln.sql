-- Mamori store, version 7: the advisory database of `mamori db` (docs/vulnerabilities.md).
-- Numbered after the issue that added it, so parallel work on other tables does not collide.

-- One row per advisory per feed. A feed is what one update or import replaces
-- at once ("osv:npm", "import:/path/to/dir"); the same OSV id can come from
-- several feeds (a GHSA is published in every ecosystem's archive).
create table advisory (
  feed text not null,
  id text not null,
  modified timestamptz,
  record jsonb not null,
  primary key (feed, id)
);

-- The lookup index: normalised ecosystem key and package name → advisory.
create table advisory_package (
  ecosystem text not null,
  name text not null,
  feed text not null,
  advisory_id text not null,
  foreign key (feed, advisory_id) references advisory (feed, id) on delete cascade
);
create index advisory_package_lookup on advisory_package (ecosystem, name);
create index advisory_package_feed on advisory_package (feed);

-- What each feed was loaded from and when, for `mamori db status` and for
-- conditional downloads (ETag).
create table advisory_feed (
  feed text primary key,
  source text not null,
  url text,
  etag text,
  sha256 text,
  bytes bigint,
  records integer not null,
  updated_at timestamptz not null default now()
);
