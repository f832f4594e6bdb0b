/**
 * The store: scans, inventory, findings, mutes and compliance controls in
 * one PostgreSQL schema, embedded (PGlite) or on a server. See docs/store.md.
 */
export { type FindingChange, type ResourceChange, type ScanDiff, ScanDiffError } from "./diff.js";
export { QueryError, StoreError } from "./errors.js";
export {
  type CompiledMute,
  compileMute,
  findMute,
  type Mute,
  type MuteMatcher,
  type MuteTarget,
  mutedBy,
  muteMatches,
  mutePatternProblems,
  type NewMute,
} from "./mutes.js";
export {
  DEFAULT_QUERY_MAX_ROWS,
  DEFAULT_QUERY_TIMEOUT_MS,
  type QueryOptions,
  type QueryResult,
} from "./query.js";
export {
  DEFAULT_DATA_DIR,
  DEFAULT_SCHEMA,
  DEFAULT_STALE_SCAN_MS,
  type FindingFilter,
  type FindingState,
  type OpenStoreOptions,
  openStore,
  type ScanChanges,
  type ScanRecord,
  type ScanStart,
  type ScanStatus,
  Store,
  type StoredFinding,
} from "./store.js";
