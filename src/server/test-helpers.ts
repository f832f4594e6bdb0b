import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type OpenStoreOptions, openStore, type Store } from "../store/index.js";
import { buildServer, type MamoriServer, type ServerOptions } from "./app.js";
import type { Role } from "./roles.js";
import { createToken } from "./tokens.js";

export const TEST_DATABASE_URL =
  process.env.MAMORI_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface StoreTarget {
  name: string;
  options: OpenStoreOptions;
  cleanup(): Promise<void>;
}

export function pgliteTarget(): StoreTarget {
  const dir = mkdtempSync(join(tmpdir(), "mamori-server-test-"));
  return {
    name: "PGlite",
    options: { dataDir: dir },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresTarget(): StoreTarget {
  const schema = `mamori_srv_${randomBytes(5).toString("hex")}`;
  return {
    name: "PostgreSQL",
    options: { databaseUrl: TEST_DATABASE_URL, schema },
    async cleanup() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestServer {
  app: MamoriServer;
  store: Store;
  tokens: Record<Role, string>;
  close(): Promise<void>;
}

/** A server on a fresh store with one token per role. */
export async function startTestServer(
  target: StoreTarget,
  options: Partial<ServerOptions> = {},
): Promise<TestServer> {
  const store = await openStore(target.options);
  const tokens = {} as Record<Role, string>;
  for (const role of ["admin", "analyst", "viewer", "ingest"] as const) {
    tokens[role] = (await createToken(store.db, { name: `${role} test`, role })).token;
  }
  const app = await buildServer({ store, logger: false, ...options });
  await app.ready();
  return {
    app,
    store,
    tokens,
    async close() {
      await app.close();
      await app.mamori.jobs.stop();
      await store.close();
      await target.cleanup();
    },
  };
}
