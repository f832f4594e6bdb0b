import { createHash, randomBytes } from "node:crypto";
import { iso, isoOrUndefined } from "../store/codec.js";
import type { Queryable } from "../store/db.js";
import type { Role } from "./roles.js";

/** A token as listed: never the token itself, which is shown once at creation. */
export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy?: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

const PREFIX = "mamori_";
const TOKEN = /^mamori_[A-Za-z0-9_-]{43}$/;

/** sha256 is enough for 256-bit random secrets: there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  created_at: unknown;
  created_by: string | null;
  last_used_at: unknown;
  revoked_at: unknown;
}

function fromRow(row: TokenRow): TokenInfo {
  const info: TokenInfo = { id: row.id, name: row.name, role: row.role, createdAt: iso(row.created_at) };
  if (row.created_by !== null) info.createdBy = row.created_by;
  const used = isoOrUndefined(row.last_used_at);
  if (used) info.lastUsedAt = used;
  const revoked = isoOrUndefined(row.revoked_at);
  if (revoked) info.revokedAt = revoked;
  return info;
}

/** Creates a token; the returned secret is not stored anywhere and cannot be shown again. */
export async function createToken(
  db: Queryable,
  input: { name: string; role: Role; createdBy?: string },
): Promise<{ token: string; info: TokenInfo }> {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const id = randomBytes(6).toString("hex");
  const rows = await db.query<TokenRow>(
    `insert into api_token (id, name, role, token_hash, created_by) values ($1, $2, $3, $4, $5)
     returning id, name, role, created_at, created_by, last_used_at, revoked_at`,
    [id, input.name, input.role, hashToken(token), input.createdBy ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error("token was not stored");
  return { token, info: fromRow(row) };
}

export async function listTokens(db: Queryable): Promise<TokenInfo[]> {
  const rows = await db.query<TokenRow>(
    "select id, name, role, created_at, created_by, last_used_at, revoked_at from api_token order by created_at, id",
  );
  return rows.map(fromRow);
}

/** False when no such token exists or it was already revoked. */
export async function revokeToken(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query(
    "update api_token set revoked_at = now() where id = $1 and revoked_at is null returning id",
    [id],
  );
  return rows.length > 0;
}

/** The principal of a valid, unrevoked token; undefined otherwise. Malformed tokens never reach the database. */
export async function verifyToken(db: Queryable, token: string): Promise<Principal | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const rows = await db.query<{ id: string; name: string; role: Role; stale: boolean }>(
    `select id, name, role, (last_used_at is null or last_used_at < now() - interval '1 minute') as stale
     from api_token where token_hash = $1 and revoked_at is null`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return undefined;
  // Last use is kept to the minute so that reads do not turn into a write each.
  if (row.stale) await db.query("update api_token set last_used_at = now() where id = $1", [row.id]);
  return { tokenId: row.id, name: row.name, role: row.role };
}

/**
 * On first start (no admin token that is not revoked), creates one and returns
 * its secret so the server can print it once; undefined otherwise.
 */
export async function ensureAdminToken(db: Queryable): Promise<string | undefined> {
  const rows = await db.query("select 1 from api_token where role = 'admin' and revoked_at is null limit 1");
  if (rows.length > 0) return undefined;
  const { token } = await createToken(db, {
    name: "initial admin",
    role: "admin",
    createdBy: "mamori serve",
  });
  return token;
}
