/** JSON schemas shared by the route modules. */

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export const FINDING_STATES = ["open", "muted", "resolved"] as const;

export const pageQuery = {
  limit: { type: "integer", minimum: 1, maximum: 500, default: 50 },
  offset: { type: "integer", minimum: 0, maximum: 10_000_000, default: 0 },
} as const;

export const shortText = { type: "string", minLength: 1, maxLength: 512 } as const;

export function page<T>(items: T[], total: number, limit: number, offset: number) {
  return { items, total, limit, offset };
}

export const pageResponse = (item: object = { type: "object", additionalProperties: true }) =>
  ({
    type: "object",
    required: ["items", "total", "limit", "offset"],
    properties: {
      items: { type: "array", items: item },
      total: { type: "integer" },
      limit: { type: "integer" },
      offset: { type: "integer" },
    },
  }) as const;

export const errorResponse = {
  type: "object",
  required: ["error"],
  properties: { error: { type: "string" } },
} as const;

/** SQL `order by` for a severity column: most severe first. */
export const SEVERITY_RANK = "array_position(array['critical','high','medium','low','info'], severity)";

/** Escapes LIKE wildcards so user text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
