-- Mamori store, version 8: free-text search of the server (docs/server.md, docs/benchmarks.md).
-- Numbered after the issue that added it, so parallel work on other tables does not collide.
--
-- The findings API's free-text filter is a substring of any of four columns
-- (title, check id, resource id, name), which no b-tree index can serve. One
-- trigram GIN index over the four joined by a unit separator (U+001F, which a
-- typed query does not hold, so a match cannot straddle two fields in
-- practice) serves `ilike '%text%'` on that same expression in
-- src/server/routes/findings.ts; the two must stay identical for the planner
-- to use the index. One index rather than one per column: every scan that
-- changes findings maintains it, and four cost about twice as much
-- (docs/benchmarks.md). pg_trgm ships with PostgreSQL's contrib and with
-- PGlite (loaded by pglite-worker.ts); it is installed once per database, in
-- `public`, since extensions are database-wide and each store lives in its
-- own schema. Where it cannot be installed (no contrib package, a role
-- without the right), the index is left out and search still works, only
-- slower.
do $$
declare
  ext_schema text;
begin
  begin
    create extension if not exists pg_trgm with schema public;
  exception when others then
    raise notice 'pg_trgm is not available (%): free-text search stays unindexed', sqlerrm;
  end;
  select extnamespace::regnamespace::text into ext_schema from pg_extension where extname = 'pg_trgm';
  if ext_schema is null then
    return;
  end if;
  -- GET /api/v1/findings?q=: the expression of findings.ts's free-text filter.
  execute format($sql$create index finding_state_text_trgm on finding_state using gin (
    (title || E'\x1f' || check_id || E'\x1f' || resource_id || E'\x1f' || resource_name) %I.gin_trgm_ops)$sql$,
    ext_schema);
  -- Resource search (id, name, type) gets none: on the bench corpus the planner kept its
  -- sequential scan over 50,000 resources, so the indexes would only slow writes.
end $$;
