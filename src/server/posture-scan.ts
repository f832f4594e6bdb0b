import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { builtinChecks, CheckRegistry } from "../checks/index.js";
import { readGcpLive, readGcpSnapshot, type Scope, scopeLabel } from "../cli/commands/cloud-gcp.js";
import { findSuppression } from "../cli/commands/iac.js";
import { complianceIndex, loadFrameworks } from "../compliance/index.js";
import type { ScanError, ScanSummary } from "../model/index.js";
import { type ResourceItem, runPostureScan } from "../scan/posture.js";
import { applyProjectConfig, readProjectConfig } from "../scan/project-config.js";
import { withLiveErrors } from "../sources/aws/live-errors.js";
import { readAzureSnapshot } from "../sources/azure/snapshot.js";
import { discoverIacFiles } from "../sources/iac/discover.js";
import { DEFAULT_MAX_FILE_BYTES, type InlineSuppression } from "../sources/iac/format.js";
import { iacFormats } from "../sources/iac/formats.generated.js";
import { readResourceSnapshot, SnapshotError } from "../sources/snapshot/index.js";
import { findMute, mutedBy, type Store } from "../store/index.js";
import type { CloudAccount } from "./accounts.js";

export interface SnapshotScanResult {
  scanId?: string;
  summary: ScanSummary;
  errors: string[];
}

const TOOL_INFO = { name: "Mamori", version: "server" };

/** One line for a scan error, as the CLI prints it. */
const errorLine = (e: ScanError) =>
  `${e.source}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ""}` : ""}: ${e.message}`;

/**
 * The tail every server scan shares with the CLI's: runPostureScan with the
 * built-in checks (or the given registry), the stored mutes and the
 * compliance index, recorded in the store.
 */
async function recordScan(
  store: Store,
  input: {
    kind: string;
    target: string;
    scope: string;
    items: AsyncIterable<ResourceItem>;
    registry?: CheckRegistry;
    /** A mute of the source itself (IaC inline suppressions), before the stored mutes. */
    inlineMute?: Parameters<typeof runPostureScan>[0]["mute"];
    tool?: { name: string; version: string };
  },
): Promise<SnapshotScanResult & { scanErrors: ScanError[] }> {
  const frameworks = loadFrameworks();
  await store.syncFrameworks(frameworks);
  const mutes = await store.activeMutes();
  let scanId: string | undefined;
  const recorder = {
    beginScan: async (scan: { kind: string; target: string; scope: string }) => {
      scanId = await store.beginScan(scan);
      return scanId;
    },
    recordBatch: store.recordBatch.bind(store),
    completeScan: store.completeScan.bind(store),
    failScan: store.failScan.bind(store),
  };
  const { report } = await runPostureScan({
    kind: input.kind,
    target: input.target,
    scope: input.scope,
    items: input.items,
    registry: input.registry ?? new CheckRegistry(builtinChecks),
    compliance: complianceIndex(frameworks),
    recorder,
    mute: (finding, resource) => {
      const inline = input.inlineMute?.(finding, resource);
      if (inline) return inline;
      const mute = findMute(mutes, finding, resource.tags, new Date());
      return mute && mutedBy(mute);
    },
    tool: input.tool ?? TOOL_INFO,
  });
  const result: SnapshotScanResult & { scanErrors: ScanError[] } = {
    summary: report.summary,
    errors: report.errors.map(errorLine),
    scanErrors: report.errors,
  };
  if (scanId) result.scanId = scanId;
  return result;
}

/**
 * Scans snapshot files through the same pipeline as `mamori scan` and
 * records the scan in the store.
 */
export async function scanSnapshots(
  store: Store,
  files: readonly string[],
  options: {
    scope?: string;
    target?: string;
    tool?: { name: string; version: string };
    /** Fail the scan (state untouched) when a file cannot be read at all, instead of scanning the rest. */
    refuseUnreadable?: boolean;
  } = {},
): Promise<SnapshotScanResult> {
  const errors: string[] = [];
  const items = async function* (): AsyncGenerator<ResourceItem> {
    for (const file of files) {
      try {
        yield* readResourceSnapshot(file);
      } catch (error) {
        if (!(error instanceof SnapshotError) || options.refuseUnreadable) throw error;
        errors.push(error.message);
        yield { error: { source: file, message: error.message } };
      }
    }
  };
  const { scanErrors, ...result } = await recordScan(store, {
    kind: "snapshot",
    target: options.target ?? files.join(", "),
    scope:
      options.scope ??
      `snapshot:${files
        .map((f) => resolve(f))
        .sort()
        .join(",")}`,
    items: items(),
    ...(options.tool ? { tool: options.tool } : {}),
  });
  for (const e of scanErrors) if (!errors.includes(e.message)) errors.push(e.message);
  return { ...result, errors };
}

export interface IacScanResult extends SnapshotScanResult {
  /** Files claimed by an IaC format. */
  files: number;
  notes: string[];
}

/**
 * Scans an IaC folder (an unpacked upload) with the formats and checks of
 * `mamori iac`: inline suppressions and the folder's own `.mamori.yaml`
 * (skip-checks, only-checks, severity, exclude) apply; its `checks-dir` does
 * not, since that would run code-like rules from an uploader's path on the
 * server. Local Terraform modules outside the folder stay unresolved.
 * Reported paths are relative to the folder.
 */
export async function scanIacFolder(
  store: Store,
  dir: string,
  options: { scope: string; target: string; tool?: { name: string; version: string } },
): Promise<IacScanResult> {
  const notes: string[] = [];
  const configFile = join(dir, ".mamori.yaml");
  const config = existsSync(configFile) ? readProjectConfig(configFile) : undefined;
  if (config?.checksDir) {
    notes.push(".mamori.yaml: checks-dir is ignored for uploaded archives");
    config.checksDir = undefined;
  }
  const registry = applyProjectConfig(new CheckRegistry(builtinChecks), config);
  const discovered = discoverIacFiles([dir], iacFormats, { exclude: config?.exclude ?? [] });
  const claimed = [...discovered.byFormat.values()].reduce((n, files) => n + files.length, 0);
  if (claimed === 0)
    throw new Error(`no IaC files found (looked for ${iacFormats.map((f) => f.name).join(", ")})`);
  const suppressions: InlineSuppression[] = [];
  const items = async function* (): AsyncGenerator<ResourceItem> {
    for (const format of iacFormats) {
      const files = discovered.byFormat.get(format.name);
      if (!files) continue;
      const loaded = await format.load(files, {
        roots: [dir],
        maxFileBytes: DEFAULT_MAX_FILE_BYTES,
        confineModules: true,
      });
      suppressions.push(...loaded.suppressions);
      notes.push(...loaded.notes.map(errorLine));
      for (const error of loaded.errors) yield { error };
      for (const resource of loaded.resources) yield { resource };
    }
  };
  const { scanErrors: _, ...result } = await recordScan(store, {
    kind: "iac",
    target: options.target,
    scope: options.scope,
    items: items(),
    registry,
    inlineMute: (finding, resource) => {
      const inline = findSuppression(suppressions, finding, resource);
      return inline && { reason: `inline: ${inline.reason} (${inline.file}:${inline.line})` };
    },
    ...(options.tool ? { tool: options.tool } : {}),
  });
  return { ...result, files: claimed, notes };
}

/** What a cloud-account scan tells its job log as it goes. */
export type ScanLog = (message: string) => Promise<void>;

/**
 * Scans a configured cloud account with the code paths of `mamori cloud
 * aws|azure|gcp`, under the same kind and scope as the CLI, so scans from
 * either resolve each other's findings.
 */
export async function scanCloudAccount(
  store: Store,
  account: CloudAccount,
  log: ScanLog,
  tool?: { name: string; version: string },
): Promise<SnapshotScanResult> {
  const live = withLiveErrors(new CheckRegistry(builtinChecks));
  const withTool = tool ? { tool } : {};
  if (account.provider === "aws") {
    // The pinned SDK clients run on Node 20; its notice about future releases is not for Mamori's users.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const { scanAccount } = await import("../sources/aws/index.js");
    const scan = await scanAccount(account.options);
    const target = `${account.name}: aws account ${scan.accountId} (${scan.regions.join(", ")})`;
    await log(`scanning ${target}`);
    const result = await recordScan(store, {
      kind: "aws",
      target,
      scope: `aws:${scan.accountId}:${account.options.regions ? scan.regions.join(",") : "all"}`,
      items: scan.items,
      registry: live,
      ...withTool,
    });
    await log(`${scan.context.calls} API calls`);
    return result;
  }
  if (account.provider === "gcp") {
    const { snapshot, projects, folder, organization, endpoint } = account.options;
    if (snapshot) {
      await log(`reading the Cloud Asset Inventory export ${snapshot}`);
      return recordScan(store, {
        kind: "gcp",
        target: `${account.name}: gcp snapshot ${snapshot}`,
        scope: `gcp:snapshot:${resolve(snapshot)}`,
        items: readGcpSnapshot(snapshot),
        ...withTool,
      });
    }
    // readAccounts allows exactly one of the three without a snapshot.
    const scope: Scope = projects ? { projects } : folder ? { folder } : { organization: organization ?? "" };
    const label = scopeLabel(scope);
    await log(`scanning ${account.name}: gcp ${label}`);
    // The summary line arrives while the scan consumes the items; its log write is awaited after.
    let summary: Promise<void> = Promise.resolve();
    const result = await recordScan(store, {
      kind: "gcp",
      target: `${account.name}: gcp ${label}`,
      scope: `gcp:live:${label}`,
      items: readGcpLive(scope, endpoint, (line) => {
        summary = log(line);
      }),
      registry: live,
      ...withTool,
    });
    await summary;
    return result;
  }
  const { snapshot, subscriptions, tenant, endpoint } = account.options;
  if (snapshot) {
    await log(`reading the Azure inventory ${snapshot}`);
    return recordScan(store, {
      kind: "azure",
      target: `${account.name}: azure snapshot ${snapshot}`,
      scope: `azure:snapshot:${resolve(snapshot)}`,
      items: readAzureSnapshot(snapshot),
      ...withTool,
    });
  }
  // Loaded on use: the Azure SDK is heavy and only this path needs it.
  const { DefaultAzureCredential } = await import("@azure/identity");
  const { scanAzureLive } = await import("../sources/azure/live.js");
  const live_ = await scanAzureLive({
    credential: new DefaultAzureCredential(tenant ? { tenantId: tenant } : {}),
    ...(subscriptions ? { subscriptions } : {}),
    ...(endpoint ? { endpoint } : {}),
  });
  await log(
    `${live_.resources.length} resources from ${live_.subscriptions.length} subscription(s), ${live_.pages} Resource Graph page(s)`,
  );
  const items = async function* (): AsyncGenerator<ResourceItem> {
    for (const message of live_.errors) yield { error: { source: "azure/live", message } };
    for (const resource of live_.resources) yield { resource };
  };
  return recordScan(store, {
    kind: "azure",
    target: `${account.name}: azure ${subscriptions ? subscriptions.join(", ") : "all readable subscriptions"}`,
    scope: `azure:live:${subscriptions ? [...subscriptions].sort().join(",") : "all"}`,
    items: items(),
    registry: live,
    ...withTool,
  });
}
