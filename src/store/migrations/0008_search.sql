-- Mamori store, version 8: free-text search of the server (docs/server.md, docs/benchmarks.md).
-- Numbered after the issue that added it, so parallel work on other tables does not collide.
--
-- The findings API's free-text filter is `ilike '%text%'` over four columns,
-- which no b-tree index can serve: it read every row. Trigram GIN indexes serve
-- it (the planner ORs one bitmap per column). pg_trgm ships with PostgreSQL's
-- contrib and with PGlite (loaded by pglite-worker.ts); it is installed once per
-- database, in `public`, since extensions are database-wide and each store
-- lives in its own schema. Where it cannot be installed (no contrib package, a
-- role without the right), the indexes are left out and search still works,
-- only slower.
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
  -- GET /api/v1/findings?q=: title, check id, resource id and name.
  execute format('create index finding_state_title_trgm on finding_state using gin (title %I.gin_trgm_ops)', ext_schema);
  execute format('create index finding_state_check_trgm on finding_state using gin (check_id %I.gin_trgm_ops)', ext_schema);
  execute format('create index finding_state_resource_trgm on finding_state using gin (resource_id %I.gin_trgm_ops)', ext_schema);
  execute format('create index finding_state_name_trgm on finding_state using gin (resource_name %I.gin_trgm_ops)', ext_schema);
  -- Resource search (id, name, type) gets none: on the bench corpus the planner kept its
  -- sequential scan over 50,000 resources, so the indexes would only slow writes.
end $$;
