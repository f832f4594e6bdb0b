import { createAPIRequest, type GlobalOptions } from "googleapis-common";
import type { Unknown } from "../../model/index.js";

/**
 * Google REST calls for the APIs that have no per-API package in the npm
 * registry (Cloud Asset, Logging, Monitoring; Compute's package pins an older
 * auth stack): googleapis-common's request builder, the same one the
 * generated `@googleapis/*` clients use — URL templates, ADC bearer tokens,
 * `rootUrl` override. Retries are ours, because gaxios ignores `Retry-After`.
 */

export type GoogleAuthOption = NonNullable<GlobalOptions["auth"]>;

export interface RestContext {
  auth: GoogleAuthOption;
  /** Root URL for every API (tests: a local server); default: each API's own host. */
  rootUrl?: string;
  /** Retries of a 429/503 answer; default 4. */
  maxRetries?: number;
  /** Counts HTTP calls made (for the summary line). */
  calls: { count: number };
}

/** A `Retry-After` longer than this is cut to it: a scan should not sleep for minutes. */
const MAX_RETRY_AFTER_MS = 30_000;

export class GoogleApiError extends Error {
  override name = "GoogleApiError";
  constructor(
    readonly operation: string,
    readonly status: number | undefined,
    readonly code: string,
    detail: string,
  ) {
    super(`${operation} failed: ${status ?? ""}${status ? " " : ""}${code}${detail ? ` (${detail})` : ""}`);
  }
}

/** The unknown marker a dependent property gets when `error` stopped its collection. */
export function errorMarkerOf(error: unknown): Unknown & { error: string; reason: string } {
  const e = error instanceof GoogleApiError ? error : undefined;
  return {
    $unknown: true,
    error: e?.code ?? "Error",
    reason: (error instanceof Error ? error.message : String(error)).split("\n")[0]?.slice(0, 400) ?? "",
  };
}

/**
 * GET `path` (a URL template under `host`, e.g. "v2/{+parent}/sinks") and
 * return the JSON body; 429/503 are retried after `Retry-After` (bounded).
 */
export async function getJson<T>(
  context: RestContext,
  operation: string,
  host: string,
  path: string,
  params: Record<string, unknown>,
): Promise<T> {
  const pathParams = [...path.matchAll(/\{\+?(\w+)\}/g)].map((m) => m[1] as string);
  const maxRetries = context.maxRetries ?? 4;
  for (let attempt = 0; ; attempt++) {
    context.calls.count++;
    try {
      const response = await createAPIRequest<T>({
        options: { url: `https://${host}/${path}`, method: "GET", retry: false },
        params: { ...params },
        requiredParams: pathParams,
        pathParams,
        context: {
          _options: { auth: context.auth, ...(context.rootUrl ? { rootUrl: context.rootUrl } : {}) },
        },
      });
      return response.data;
    } catch (error) {
      const status = statusOf(error);
      if ((status === 429 || status === 503) && attempt < maxRetries) {
        await sleep(retryDelay(error, attempt));
        continue;
      }
      throw toApiError(operation, error);
    }
  }
}

/** Follows `nextPageToken` and concatenates the `field` arrays of every page. */
export async function listAll<T>(
  context: RestContext,
  operation: string,
  host: string,
  path: string,
  params: Record<string, unknown>,
  field: string,
): Promise<T[]> {
  const items: T[] = [];
  let pageToken: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= 100_000) throw new GoogleApiError(operation, undefined, "TooManyPages", "no last page");
    const body = await getJson<Record<string, unknown>>(context, operation, host, path, {
      ...params,
      ...(pageToken ? { pageToken } : {}),
    });
    const list = body?.[field];
    if (list !== undefined && !Array.isArray(list))
      throw new GoogleApiError(operation, undefined, "BadResponse", `"${field}" is not an array`);
    if (list) items.push(...(list as T[]));
    pageToken =
      typeof body?.nextPageToken === "string" && body.nextPageToken ? body.nextPageToken : undefined;
    if (!pageToken) return items;
  }
}

/** Wraps an SDK call (e.g. `@googleapis/sqladmin`) in the same retry and error naming. */
export async function withRetry<T>(
  context: RestContext,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  const maxRetries = context.maxRetries ?? 4;
  for (let attempt = 0; ; attempt++) {
    context.calls.count++;
    try {
      return await call();
    } catch (error) {
      const status = statusOf(error);
      if ((status === 429 || status === 503) && attempt < maxRetries) {
        await sleep(retryDelay(error, attempt));
        continue;
      }
      throw toApiError(operation, error);
    }
  }
}

interface GaxiosLike {
  status?: unknown;
  response?: { status?: unknown; headers?: unknown; data?: unknown };
  message?: unknown;
}

function statusOf(error: unknown): number | undefined {
  const e = error as GaxiosLike | null;
  const status = e?.response?.status ?? e?.status;
  return typeof status === "number" ? status : undefined;
}

function header(error: unknown, name: string): string | undefined {
  const headers = (error as GaxiosLike | null)?.response?.headers;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (headers && typeof headers === "object") {
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === "string" ? value : undefined;
  }
  return undefined;
}

/** Retry-After in seconds or as an HTTP date; without it, 1 s, 2 s, 4 s, … */
function retryDelay(error: unknown, attempt: number): number {
  const value = header(error, "retry-after");
  let ms = 1000 * 2 ** attempt;
  if (value !== undefined) {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) ms = seconds * 1000;
    else if (!Number.isNaN(Date.parse(value))) ms = Date.parse(value) - Date.now();
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function toApiError(operation: string, error: unknown): GoogleApiError {
  if (error instanceof GoogleApiError) return error;
  const e = error as GaxiosLike | null;
  const body = e?.response?.data as { error?: { status?: unknown; message?: unknown } } | undefined;
  const status = statusOf(error);
  const code =
    typeof body?.error?.status === "string"
      ? body.error.status
      : status
        ? `HTTP${status}`
        : (error as { code?: unknown })?.code
          ? String((error as { code?: unknown }).code)
          : "Error";
  const message =
    typeof body?.error?.message === "string"
      ? body.error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return new GoogleApiError(operation, status, code, message.split("\n")[0]?.slice(0, 300) ?? "");
}
