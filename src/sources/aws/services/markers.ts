/** Markers shared by the service modules for values an API call did not give. */
import type { Resource } from "../../../model/index.js";
import type { AwsContext } from "../context.js";
import { type ErrorMarker, errorMarker } from "../errors.js";

/**
 * A field the API always returns but this answer lacked: an error marker, so
 * a check reading it reports `error` instead of deciding on a guess.
 */
export function missingField(operation: string, field: string): ErrorMarker {
  return { $unknown: true, error: "MissingField", reason: `${operation} returned no ${field}` };
}

/**
 * A resource that was listed but whose describe call failed: it stands with
 * its real id and a `$collection` error marker, so every check of its type
 * reports `error` for it (see live-errors.ts).
 */
export function notDescribed(
  ctx: AwsContext,
  input: { type: string; id: string; name: string; region?: string; source: string; operation: string },
  error: unknown,
): Resource {
  const resource: Parameters<AwsContext["resource"]>[0] = {
    type: input.type,
    id: input.id,
    name: input.name,
    source: input.source,
    properties: { $collection: errorMarker(input.operation, error) },
  };
  if (input.region !== undefined) resource.region = input.region;
  return ctx.resource(resource);
}

/** Splits a list into chunks of at most `size` (APIs that describe a few names per call). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
