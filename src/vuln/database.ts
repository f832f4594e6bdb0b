import { resolve } from "node:path";
import { type AdvisoryRow, AdvisoryStore } from "../store/advisories.js";
import type { Store } from "../store/index.js";
import { recordKeys } from "./match.js";
import type { OsvRecord } from "./osv.js";
import { readAdvisories } from "./sources.js";

export function advisoryStore(store: Store): AdvisoryStore {
  return new AdvisoryStore(store.database);
}

export function toRow(record: OsvRecord): AdvisoryRow {
  const row: AdvisoryRow = { id: record.id, record, keys: recordKeys(record) };
  const modified = record.modified ? new Date(record.modified) : undefined;
  if (modified && !Number.isNaN(modified.getTime())) row.modified = modified.toISOString();
  return row;
}

async function* rows(records: AsyncIterable<OsvRecord>): AsyncGenerator<AdvisoryRow> {
  for await (const record of records) yield toRow(record);
}

/**
 * `mamori db import PATH`: every advisory of PATH (file, folder or zip)
 * replaces the feed "import:<absolute path>" in one transaction, so a bad
 * file anywhere leaves the database as it was.
 */
export async function importAdvisories(
  store: Store,
  path: string,
): Promise<{ feed: string; records: number }> {
  const feed = `import:${resolve(path)}`;
  const records = await advisoryStore(store).replaceFeed(
    { feed, source: "import", url: resolve(path) },
    rows(readAdvisories(path)),
  );
  return { feed, records };
}

export { rows as advisoryRows };
