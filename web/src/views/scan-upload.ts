/** What the upload form sends: the route and content type follow from the kind and the file's name. */

export type UploadKind = "iac" | "snapshot";

/** The server's pattern for `name` (target and scope of the upload). */
const NAME = /^[A-Za-z0-9._:@/-]{1,200}$/;

export function kindOf(fileName: string): UploadKind | undefined {
  const lower = fileName.toLowerCase();
  if (/\.(tar\.gz|tgz|tar|zip)$/.test(lower)) return "iac";
  if (/\.(json|jsonl|ndjson|ya?ml)$/.test(lower)) return "snapshot";
  return undefined;
}

export function contentType(kind: UploadKind, fileName: string): string {
  const lower = fileName.toLowerCase();
  if (kind === "iac") {
    if (/\.(tar\.gz|tgz)$/.test(lower)) return "application/gzip";
    if (lower.endsWith(".tar")) return "application/x-tar";
    if (lower.endsWith(".zip")) return "application/zip";
    // The server tells the archive format by its bytes.
    return "application/octet-stream";
  }
  if (/\.(jsonl|ndjson)$/.test(lower)) return "application/x-ndjson";
  if (/\.ya?ml$/.test(lower)) return "application/yaml";
  return "application/json";
}

/** A default target name from the file name: its stem, with characters the server refuses replaced. */
export function defaultName(fileName: string): string {
  const stem = fileName.replace(/\.(tar\.gz|tgz|tar|zip|json|jsonl|ndjson|ya?ml)$/i, "");
  return stem.replace(/[^A-Za-z0-9._:@/-]/g, "-").slice(0, 200) || "upload";
}

/** A one-line complaint about the name, or undefined when the server will take it. */
export function nameProblem(name: string): string | undefined {
  if (name === "") return undefined;
  return NAME.test(name) ? undefined : "Name: up to 200 letters, digits and . _ : @ / - (no spaces)";
}

export function uploadPath(kind: UploadKind, name: string): string {
  const query = name ? `?name=${encodeURIComponent(name)}` : "";
  return kind === "iac" ? `/api/v1/scans/iac${query}` : `/api/v1/scans${query}`;
}
