-- Faster scan completion (see docs/store.md, "Speed"):
-- * the state a finding had before the last merge lives on the finding itself, written by the
--   merge, so completing a scan no longer rewrites every staged finding just to remember it;
-- * staging tables are unlogged: they hold only the batches of running scans, which a crash
--   fails anyway, so writing them to the WAL bought nothing.
alter table finding_state add column prev_state text, add column prev_resolved_at timestamptz;
alter table stage_finding drop column prev_state, drop column prev_resolved_at;
alter table stage_resource set unlogged;
alter table stage_finding set unlogged;
