import { chunks, iso, toJson } from "./codec.js";
import type { Db, Queryable } from "./db.js";

/**
 * The advisory database (tables of migration 0007): OSV records indexed by
 * ecosystem and package name. A feed is replaced in one transaction, so a
 * failed update or import leaves the previous data in place.
 * Records are opaque JSON here; src/vuln gives them meaning.
 */
export interface AdvisoryRow {
  id: string;
  modified?: string;
  /** The OSV record (or converted record) as JSON-compatible data. */
  record: unknown;
  /** [ecosystem key, package name key] pairs the record is indexed under. */
  keys: [string, string][];
}

export interface FeedInfo {
  feed: string;
  source: string;
  url?: string;
  etag?: string;
  sha256?: string;
  bytes?: number;
}

export interface FeedStatus extends FeedInfo {
  records: number;
  updatedAt: string;
}

export interface EcosystemCount {
  ecosystem: string;
  advisories: number;
}

const BATCH = 500;

export class AdvisoryStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Replaces every advisory of `info.feed` with `rows`, in one transaction.
   * When `rows` throws, the transaction rolls back and the old feed stays.
   */
  async replaceFeed(
    info: FeedInfo,
    rows: AsyncIterable<AdvisoryRow> | Iterable<AdvisoryRow>,
  ): Promise<number> {
    return this.#db.transaction(async (tx) => {
      await tx.query("delete from advisory where feed = $1", [info.feed]);
      let count = 0;
      let batch: AdvisoryRow[] = [];
      const seen = new Set<string>();
      for await (const row of rows) {
        if (seen.has(row.id)) continue; // a later duplicate in one feed is ignored
        seen.add(row.id);
        batch.push(row);
        if (batch.length >= BATCH) {
          await insertBatch(tx, info.feed, batch);
          count += batch.length;
          batch = [];
        }
      }
      if (batch.length > 0) await insertBatch(tx, info.feed, batch);
      count += batch.length;
      await tx.query(
        `insert into advisory_feed (feed, source, url, etag, sha256, bytes, records, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, now())
         on conflict (feed) do update set source = excluded.source, url = excluded.url, etag = excluded.etag,
           sha256 = excluded.sha256, bytes = excluded.bytes, records = excluded.records, updated_at = now()`,
        [
          info.feed,
          info.source,
          info.url ?? null,
          info.etag ?? null,
          info.sha256 ?? null,
          info.bytes ?? null,
          count,
        ],
      );
      return count;
    });
  }

  /** Records indexed under any of `keys` ([ecosystem key, name key]), grouped by key "eco\0name". */
  async lookup(keys: readonly [string, string][]): Promise<Map<string, unknown[]>> {
    const out = new Map<string, unknown[]>();
    const unique = [...new Map(keys.map((k) => [`${k[0]}\u0000${k[1]}`, k])).values()];
    for (const slice of chunks(unique, 10_000)) {
      // One join on the unnested keys (deduplicated above) per 10,000 packages: the lookup index does
      // the work; most of the time of a first lookup is PGlite reading its pages. record::text and JSON.parse: PGlite's own jsonb decoding is about four times slower.
      const rows = await this.#db.query<{ ecosystem: string; name: string; record: unknown }>(
        `select p.ecosystem, p.name, a.record::text as record
           from unnest($1::text[], $2::text[]) as k(ecosystem, name)
           join advisory_package p on p.ecosystem = k.ecosystem and p.name = k.name
           join advisory a on a.feed = p.feed and a.id = p.advisory_id`,
        [slice.map((k) => k[0]), slice.map((k) => k[1])],
      );
      for (const row of rows) {
        const key = `${row.ecosystem}\u0000${row.name}`;
        const list = out.get(key) ?? [];
        list.push(typeof row.record === "string" ? JSON.parse(row.record) : row.record);
        out.set(key, list);
      }
    }
    return out;
  }

  async feeds(): Promise<FeedStatus[]> {
    const rows = await this.#db.query<{
      feed: string;
      source: string;
      url: string | null;
      etag: string | null;
      sha256: string | null;
      bytes: string | number | null;
      records: number;
      updated_at: unknown;
    }>("select * from advisory_feed order by feed");
    return rows.map((r) => {
      const status: FeedStatus = {
        feed: r.feed,
        source: r.source,
        records: r.records,
        updatedAt: iso(r.updated_at),
      };
      if (r.url) status.url = r.url;
      if (r.etag) status.etag = r.etag;
      if (r.sha256) status.sha256 = r.sha256;
      if (r.bytes !== null) status.bytes = Number(r.bytes);
      return status;
    });
  }

  async feed(name: string): Promise<FeedStatus | undefined> {
    return (await this.feeds()).find((f) => f.feed === name);
  }

  /** Distinct advisories per ecosystem key. */
  async countsByEcosystem(): Promise<EcosystemCount[]> {
    const rows = await this.#db.query<{ ecosystem: string; advisories: string | number }>(
      `select ecosystem, count(distinct advisory_id) as advisories
         from advisory_package group by ecosystem order by ecosystem`,
    );
    return rows.map((r) => ({ ecosystem: r.ecosystem, advisories: Number(r.advisories) }));
  }
}

async function insertBatch(tx: Queryable, feed: string, rows: AdvisoryRow[]): Promise<void> {
  await tx.query(
    `insert into advisory (feed, id, modified, record)
     select $1, id, modified, record::jsonb from unnest($2::text[], $3::timestamptz[], $4::text[]) as t(id, modified, record)`,
    [feed, rows.map((r) => r.id), rows.map((r) => r.modified ?? null), rows.map((r) => toJson(r.record))],
  );
  const ecosystems: string[] = [];
  const names: string[] = [];
  const ids: string[] = [];
  for (const row of rows) {
    for (const [ecosystem, name] of new Map(row.keys.map((k) => [`${k[0]}\u0000${k[1]}`, k])).values()) {
      ecosystems.push(ecosystem);
      names.push(name);
      ids.push(row.id);
    }
  }
  if (ids.length === 0) return;
  await tx.query(
    `insert into advisory_package (ecosystem, name, feed, advisory_id)
     select ecosystem, name, $1, id from unnest($2::text[], $3::text[], $4::text[]) as t(ecosystem, name, id)`,
    [feed, ecosystems, names, ids],
  );
}
