/**
 * Package URLs (https://github.com/package-url/purl-spec): type/namespace/name@version?qualifiers.
 * Each segment is percent-encoded; qualifiers are sorted by key, as the spec's canonical form asks.
 */
export interface PurlParts {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string | undefined>;
}

// encodeURIComponent leaves a few characters the spec wants encoded in names and versions.
function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function formatPurl(parts: PurlParts): string {
  let out = `pkg:${parts.type}/`;
  if (parts.namespace) out += `${parts.namespace.split("/").map(encodeSegment).join("/")}/`;
  out += encodeSegment(parts.name);
  if (parts.version) out += `@${encodeSegment(parts.version)}`;
  const qualifiers = Object.entries(parts.qualifiers ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (qualifiers.length > 0)
    out += `?${qualifiers.map(([k, v]) => `${k.toLowerCase()}=${encodeSegment(v)}`).join("&")}`;
  return out;
}

/** PyPI names compare case-insensitively with runs of `-_.` equal (PEP 503); purl uses that form. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
