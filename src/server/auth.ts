import type { FastifyReply, FastifyRequest } from "fastify";
import type { Queryable } from "../store/db.js";
import type { Access, Role } from "./roles.js";
import { type Principal, verifyToken } from "./tokens.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route. Every route must say; see routes/ and docs/server.md. */
    access?: Access;
    /** Left out of /openapi.json (static files of the dashboard). */
    hideFromDocs?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export interface FailedAuthLimit {
  /** Failures allowed per client address within the window. */
  max: number;
  windowMs: number;
}

export const DEFAULT_FAILED_AUTH_LIMIT: FailedAuthLimit = { max: 20, windowMs: 5 * 60_000 };

/**
 * Counts failed authentications per client address in a fixed window; an
 * address over the limit is refused (429) until its window ends, whatever
 * token it sends, so guessing tokens costs the attacker the window.
 */
export class FailedAuthLimiter {
  readonly #limit: FailedAuthLimit;
  readonly #now: () => number;
  readonly #failures = new Map<string, { count: number; since: number }>();

  constructor(limit: FailedAuthLimit = DEFAULT_FAILED_AUTH_LIMIT, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Seconds until the address may try again; 0 when it may now. */
  blockedFor(ip: string): number {
    const entry = this.#failures.get(ip);
    if (!entry) return 0;
    const left = entry.since + this.#limit.windowMs - this.#now();
    if (left <= 0) {
      this.#failures.delete(ip);
      return 0;
    }
    return entry.count >= this.#limit.max ? Math.ceil(left / 1000) : 0;
  }

  fail(ip: string): void {
    const now = this.#now();
    const entry = this.#failures.get(ip);
    if (!entry || entry.since + this.#limit.windowMs <= now) this.#failures.set(ip, { count: 1, since: now });
    else entry.count++;
    // Bounded memory under a flood from many addresses: forget expired entries.
    if (this.#failures.size > 10_000) {
      for (const [key, value] of this.#failures) {
        if (value.since + this.#limit.windowMs <= now) this.#failures.delete(key);
      }
    }
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function deny(reply: FastifyReply, status: 401 | 403 | 429, message: string): FastifyReply {
  if (status === 401) reply.header("www-authenticate", 'Bearer realm="mamori"');
  return reply.code(status).send({ error: message });
}

/**
 * The onRequest hook: public routes pass; every other route needs a valid
 * bearer token whose role the route allows. Routes that match nothing fall
 * through to the 404 handler.
 */
export function authenticate(db: Queryable, limiter: FailedAuthLimiter) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.is404) return undefined;
    const access = request.routeOptions.config.access;
    if (access === "public") return undefined;
    const wait = limiter.blockedFor(request.ip);
    if (wait > 0) {
      reply.header("retry-after", String(wait));
      return deny(reply, 429, "too many failed authentications from this address; try again later");
    }
    const token = bearer(request);
    if (!token) {
      limiter.fail(request.ip);
      return deny(reply, 401, "authentication required: send Authorization: Bearer <token>");
    }
    const principal = await verifyToken(db, token);
    if (!principal) {
      limiter.fail(request.ip);
      return deny(reply, 401, "the token is not valid (unknown, malformed or revoked)");
    }
    request.principal = principal;
    if (!access?.includes(principal.role as Role)) {
      return deny(
        reply,
        403,
        `the role ${principal.role} may not call ${request.method} ${request.routeOptions.url}`,
      );
    }
    return undefined;
  };
}
