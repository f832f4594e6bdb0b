import { type Check, CheckRegistry } from "../../checks/index.js";
import type { Resource } from "../../model/index.js";
import { findErrorMarker, isErrorMarker } from "./errors.js";

/** Thrown inside a check when the data it read could not be collected; the engine records it as an `error` finding. */
export class LiveDataError extends Error {
  override name = "LiveDataError";
}

/**
 * Errors are findings, not passes: wraps every check so that a result built
 * on a value the live source could not read (an error marker in its
 * evidence), or any check on a collection-failure marker resource, becomes an
 * `error` finding naming the failed API call, instead of a pass, a failure or
 * a silent not-applicable.
 */
export function withLiveErrors(registry: CheckRegistry): CheckRegistry {
  return new CheckRegistry(registry.all().map(guard));
}

function guard(check: Check): Check {
  const wrapped: Check = Object.create(check);
  wrapped.evaluate = (resource: Resource) => {
    const collection = resource.properties.$collection;
    if (isErrorMarker(collection)) throw new LiveDataError(`not collected: ${collection.reason}`);
    const raw = check.evaluate(resource);
    for (const result of Array.isArray(raw) ? raw : [raw]) {
      const marker = findErrorMarker(result.evidence?.actual);
      if (marker) throw new LiveDataError(`not collected: ${marker.reason}`);
    }
    return raw;
  };
  return wrapped;
}
