/** Helpers to read AWS IAM-style policy documents (bucket, key and resource policies) inside checks. */

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The statements of a policy document, which may be a JSON string or an object with one or many statements. */
export function statements(policy: unknown): PolicyStatement[] {
  let doc = policy;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  if (typeof doc !== "object" || doc === null) return [];
  const raw = (doc as { Statement?: unknown }).Statement;
  return asArray(raw as PolicyStatement | PolicyStatement[] | undefined).filter(
    (s): s is PolicyStatement => typeof s === "object" && s !== null,
  );
}

export function actions(statement: PolicyStatement): string[] {
  return asArray(statement.Action).map((a) => String(a).toLowerCase());
}

/** True when the principal is everyone: "*" or {"AWS": "*"} (alone or among others). */
export function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return asArray((principal as { AWS?: unknown }).AWS as unknown[] | undefined).some((p) => p === "*");
}

/** The values a condition operator sets on a key, compared case-insensitively as the IAM engine does for keys. */
export function conditionValues(statement: PolicyStatement, operators: string[], key: string): unknown[] {
  const out: unknown[] = [];
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    if (!operators.includes(operator) || typeof block !== "object" || block === null) continue;
    for (const [k, v] of Object.entries(block))
      if (k.toLowerCase() === key.toLowerCase()) out.push(...asArray(v));
  }
  return out;
}
