import type { Unknown } from "../../model/index.js";

/** An unknown marker that also says which API failed and why (see docs/resource-types.md). */
export interface ErrorMarker extends Unknown {
  readonly error: string;
  readonly reason: string;
}

/** Error codes that mean "this API is not there" rather than "this resource is misconfigured". */
const NOT_IMPLEMENTED =
  /not ?implemented|NotImplemented|UnknownOperation|InvalidAction|UnrecognizedClientException/i;

/** The short error name of an SDK error (AccessDenied, OptInRequired, NotImplemented, …). */
export function errorCode(error: unknown): string {
  if (typeof error !== "object" || error === null) return "Error";
  const e = error as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: number } };
  const name = typeof e.Code === "string" ? e.Code : typeof e.name === "string" ? e.name : "Error";
  // moto answers an operation it does not implement with a bare 404/501 that the SDK cannot name.
  if ((name === "UnknownError" || name === "Error") && e.$metadata?.httpStatusCode === 501)
    return "NotImplemented";
  if ((name === "UnknownError" || name === "Error") && e.$metadata?.httpStatusCode === 404)
    return "NotImplemented";
  return name;
}

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n")[0]?.trim() ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** An HTML error page where the SDK expected XML or JSON: the endpoint (moto, LocalStack) lacks the API. */
const HTML_ANSWER = /<html|<!doctype|XML parse error: mismatched tags|Unexpected token '<'/i;

export function isNotImplemented(error: unknown): boolean {
  const message = errorMessage(error);
  return NOT_IMPLEMENTED.test(errorCode(error)) || NOT_IMPLEMENTED.test(message) || HTML_ANSWER.test(message);
}

/** The marker a source writes where it could not read a value. */
export function errorMarker(operation: string, error: unknown): ErrorMarker {
  const code = isNotImplemented(error) ? "NotImplemented" : errorCode(error);
  const detail =
    code === "NotImplemented" && HTML_ANSWER.test(errorMessage(error))
      ? "the endpoint does not implement this API"
      : errorMessage(error);
  return {
    $unknown: true,
    error: code,
    reason: `${operation} failed: ${code}${detail && detail !== code ? ` (${detail})` : ""}`,
  };
}

export function isErrorMarker(value: unknown): value is ErrorMarker {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    (value as { $unknown?: unknown }).$unknown === true &&
    typeof (value as { error?: unknown }).error === "string"
  );
}

/** The first error marker inside a value, if any. */
export function findErrorMarker(value: unknown, depth = 0): ErrorMarker | undefined {
  if (isErrorMarker(value)) return value;
  if (depth > 32 || typeof value !== "object" || value === null) return undefined;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    const found = findErrorMarker(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Reads a value, or its error marker when the call fails. */
export async function orMarker<T>(operation: string, read: () => Promise<T>): Promise<T | ErrorMarker> {
  try {
    return await read();
  } catch (error) {
    return errorMarker(operation, error);
  }
}
