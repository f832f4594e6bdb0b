import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Db } from "./db.js";
import { StoreError } from "./errors.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The migrations folder beside this module: src/store/migrations when running
 * from source, dist/store/migrations in the build (copied there by
 * scripts/copy-assets.mjs).
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Every `NNNN_name.sql` file of `dir`, in version order. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    throw new StoreError(`the store's SQL migrations are missing: no folder ${dir} (is the build complete?)`);
  }
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE.exec(file);
    if (!match?.[1] || !match[2]) continue;
    migrations.push({
      version: Number(match[1]),
      name: match[2],
      sql: readFileSync(`${dir}/${file}`, "utf8"),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]?.version === migrations[i - 1]?.version) {
      throw new StoreError(`two store migrations have version ${migrations[i]?.version} in ${dir}`);
    }
  }
  if (migrations.length === 0) throw new StoreError(`no store migrations in ${dir}`);
  return migrations;
}

/**
 * Brings `schema` up to the latest migration, in one transaction that holds
 * an advisory lock on the schema name: concurrent openers wait for each
 * other, and the second finds nothing left to do. Returns the versions it
 * applied.
 */
export async function migrate(
  db: Db,
  schema: string,
  migrations: Migration[] = loadMigrations(),
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtext($1))", [`mamori.migrate:${schema}`]);
    await tx.exec(
      `create schema if not exists "${schema}";
       set local search_path to "${schema}";
       create table if not exists schema_migration (
         version integer primary key,
         name text not null,
         applied_at timestamptz not null default now()
       );`,
    );
    const rows = await tx.query<{ version: number }>("select version from schema_migration order by version");
    const applied = new Set(rows.map((r) => r.version));
    const latest = migrations.at(-1)?.version ?? 0;
    const newest = rows.at(-1)?.version ?? 0;
    if (newest > latest) {
      throw new StoreError(
        `the database schema "${schema}" is at version ${newest}, newer than this Mamori knows (${latest}); upgrade Mamori`,
      );
    }
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new StoreError(`store migration ${migration.version}_${migration.name} failed: ${reason}`);
      }
      await tx.query("insert into schema_migration (version, name) values ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
