/**
 * A value that the source could not know: an unresolved IaC variable, an
 * attribute computed at apply time, an API that could not be read. It is a
 * plain JSON object so that it survives snapshots and the store unchanged.
 * Checks never fail on an unknown; see `containsUnknown`.
 */
export interface Unknown {
  readonly $unknown: true;
  /** Why it is unknown, e.g. "var.bucket_acl has no value". */
  readonly reason?: string;
}

export function unknown(reason?: string): Unknown {
  return reason === undefined ? { $unknown: true } : { $unknown: true, reason };
}

export function isUnknown(value: unknown): value is Unknown {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    (value as { $unknown?: unknown }).$unknown === true
  );
}

/** True when the value is unknown or holds an unknown anywhere inside it. */
export function containsUnknown(value: unknown, depth = 0): boolean {
  if (isUnknown(value)) return true;
  if (depth > 64 || typeof value !== "object" || value === null) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => containsUnknown(child, depth + 1));
}
