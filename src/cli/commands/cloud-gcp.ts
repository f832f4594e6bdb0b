import { closeSync, openSync, readSync } from "node:fs";
import { resolve } from "node:path";
import { Command } from "commander";
import type { ResourceItem } from "../../scan/posture.js";
import { readAssetExport } from "../../sources/gcp/asset-export.js";
import { looksLikeSearchAllResources, readSearchAllResources } from "../../sources/gcp/search-all.js";
import { UsageError } from "../errors.js";
import { addInventoryOptions, type InventoryScanOptions, runInventoryScan } from "./cloud-azure.js";

/** An asset export (JSON lines) or search-all-resources output (a JSON array), told apart by its first bytes. */
export function readGcpSnapshot(path: string): AsyncGenerator<ResourceItem> {
  let head = "";
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(4096);
    head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString("utf8");
  } catch {
    // The reader reports the unreadable path with its reason.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return looksLikeSearchAllResources(head) ? readSearchAllResources(path) : readAssetExport(path);
}

export function gcpCommand(): Command {
  const command = new Command("gcp")
    .summary("evaluate every check on Google Cloud projects (Cloud Asset Inventory, live or saved)")
    .description(
      "Read Google Cloud projects with Cloud Asset Inventory (Application Default\n" +
        "Credentials; --organization, --folder or --projects), plus the APIs that own\n" +
        "settings the inventory may lack: Logging sinks and metrics, Monitoring alert\n" +
        "policies, Compute project metadata, Cloud SQL database flags. A refused call\n" +
        "(403, 404) turns the checks that needed its data into `error` findings that\n" +
        "name the call; the scan goes on.\n" +
        "With --snapshot, read a saved inventory instead (air-gapped use):\n" +
        "  - `gcloud asset export --content-type=resource` and/or `--content-type=\n" +
        "    iam-policy` output (JSON lines; both may be concatenated into one file);\n" +
        "  - `gcloud asset search-all-resources --format=json` output (add\n" +
        "    --read-mask='*' for settings).\n" +
        "A malformed line is reported with its line number and skipped; settings the\n" +
        "inventory does not hold are unknown, so no check fails on them.",
    )
    .option("--snapshot <file>", "asset export (JSON lines) or search-all-resources JSON (no API calls)")
    .option("--organization <id>", "scan every project of this organization (numeric id)")
    .option("--folder <id>", "scan every project under this folder (numeric id)")
    .option("--projects <ids>", "comma-separated project ids or numbers")
    .option("--endpoint <url>", "root URL for every Google API (a private endpoint, or a test server)");
  addInventoryOptions(command, "cis-gcp-5.0.0");
  return command.action((options: GcpOptions) => {
    const scope = parseScope(options);
    if (options.snapshot) {
      if (scope || options.endpoint)
        throw new UsageError(
          "--organization, --folder, --projects and --endpoint apply to live scans, not to --snapshot",
        );
      const path = options.snapshot;
      return runInventoryScan("gcp", options, {
        target: `gcp snapshot ${path}`,
        scope: `gcp:snapshot:${resolve(path)}`,
        read: () => readGcpSnapshot(path),
      });
    }
    if (!scope)
      throw new UsageError(
        "mamori cloud gcp: give --organization, --folder or --projects (or --snapshot FILE)",
      );
    const endpoint = parseEndpoint(options.endpoint);
    const label = scopeLabel(scope);
    return runInventoryScan("gcp", options, {
      target: `gcp ${label}`,
      scope: `gcp:live:${label}`,
      live: true,
      read: () => readGcpLive(scope, endpoint),
    });
  });
}

export interface GcpOptions extends InventoryScanOptions {
  organization?: string;
  folder?: string;
  projects?: string;
  endpoint?: string;
}

export type Scope = { organization: string } | { folder: string } | { projects: string[] };

export function parseScope(options: GcpOptions): Scope | undefined {
  const given = (["organization", "folder", "projects"] as const).filter((k) => options[k] !== undefined);
  if (given.length > 1)
    throw new UsageError(`--${given.join(" and --")}: give one of --organization, --folder, --projects`);
  if (options.organization !== undefined) {
    if (!/^\d+$/.test(options.organization))
      throw new UsageError(`--organization ${options.organization}: expected a numeric organization id`);
    return { organization: options.organization };
  }
  if (options.folder !== undefined) {
    if (!/^\d+$/.test(options.folder))
      throw new UsageError(`--folder ${options.folder}: expected a numeric folder id`);
    return { folder: options.folder };
  }
  if (options.projects === undefined) return undefined;
  const projects = options.projects
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  // Project ids (lowercase letters, digits, hyphens; "example.com:name" for domain-scoped ones) or numbers.
  const bad = projects.find((p) => !/^[a-z0-9][a-z0-9.:-]{0,62}$/.test(p));
  if (projects.length === 0 || bad !== undefined)
    throw new UsageError(`--projects ${options.projects}: expected project ids separated by commas`);
  return { projects };
}

/** How a live scope reads in scan targets and store scopes (`gcp:live:LABEL`), shared with the server. */
export function scopeLabel(scope: Scope): string {
  if ("organization" in scope) return `organizations/${scope.organization}`;
  if ("folder" in scope) return `folders/${scope.folder}`;
  return [...scope.projects].sort().join(",");
}

export function parseEndpoint(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--endpoint ${value}: expected an http(s) URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`--endpoint ${value}: expected an http(s) URL`);
  return url.href;
}

/** Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS, gcloud's ADC file, the metadata server. */
export async function* readGcpLive(
  scope: Scope,
  endpoint: string | undefined,
  /** Where the one-line summary goes: standard error for the CLI, the job log for the server. */
  report: (line: string) => void = (line) => process.stderr.write(`mamori: ${line}\n`),
): AsyncGenerator<ResourceItem> {
  // Loaded on use: the Google clients are only needed for a live scan.
  const { GoogleAuth } = await import("google-auth-library");
  const { GcpSourceError, scanGcpLive } = await import("../../sources/gcp/live.js");
  // A known project id spares the library its own search for one (gcloud, metadata server, Resource
  // Manager), which can fail for workload identity federation credentials and is not needed here.
  const projectId = process.env.GOOGLE_CLOUD_PROJECT ?? ("projects" in scope ? scope.projects[0] : undefined);
  const auth = new GoogleAuth({
    scopes: ["https://www.googleapis.com/auth/cloud-platform"],
    ...(projectId ? { projectId } : {}),
  });
  try {
    await auth.getClient();
  } catch (error) {
    // No credentials (or an unreadable ADC file): one line before any API call.
    throw new UsageError(
      `Application Default Credentials: ${String((error as Error).message).split("\n")[0]}`,
    );
  }
  let result: Awaited<ReturnType<typeof scanGcpLive>>;
  try {
    result = await scanGcpLive({ auth, scope, ...(endpoint ? { endpoint } : {}) });
  } catch (error) {
    if (error instanceof GcpSourceError) throw new UsageError(error.message);
    throw error;
  }
  report(
    `${result.resources.length} resources from ${result.projects.length} project(s), ${result.calls} API call(s)`,
  );
  for (const message of result.errors) yield { error: { source: "gcp/live", message } };
  for (const resource of result.resources) yield { resource };
}
