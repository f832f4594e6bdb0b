import { isUnknown, type Unknown } from "./unknown.js";

/**
 * Property paths name a value inside `Resource.properties`: dot-separated keys
 * with `[n]` for list items, e.g. `policy.Statement[0].Effect`. Keys that hold
 * dots or brackets are written quoted: `tags["kubernetes.io/name"]`.
 */
export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(match[3].replace(/\\(.)/g, "$1"));
  }
  return segments;
}

export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Reads the value at `path`. Returns `undefined` when the path does not
 * exist, and the unknown marker itself when the walk meets an unknown on the
 * way (a child of an unknown is unknown too).
 */
export function getPath(root: unknown, path: string | readonly PathSegment[]): unknown {
  const segments = typeof path === "string" ? parsePath(path) : path;
  let current: unknown = root;
  for (const segment of segments) {
    if (isUnknown(current)) return current as Unknown;
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
