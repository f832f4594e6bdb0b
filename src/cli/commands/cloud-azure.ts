import { resolve } from "node:path";
import { Command } from "commander";
import { complianceIndex } from "../../compliance/index.js";
import type { Framework } from "../../model/index.js";
import { type PostureScanResult, type ResourceItem, runPostureScan } from "../../scan/posture.js";
import { withLiveErrors } from "../../sources/aws/live-errors.js";
import { readAzureSnapshot } from "../../sources/azure/snapshot.js";
import { SnapshotError } from "../../sources/snapshot/index.js";
import { findMute, mutedBy, type Store } from "../../store/index.js";
import {
  findFramework,
  loadAllFrameworks,
  loadRegistry,
  openConfiguredStore,
  parseFailOn,
  progress,
  TOOL,
  useColor as terminalWantsColor,
} from "../context.js";
import { UsageError } from "../errors.js";
import { addPostureOptions, type PostureOptions, writePostureReport } from "../posture-output.js";

export interface InventoryScanOptions extends PostureOptions {
  snapshot?: string;
}

/** The options the `cloud` commands share. */
export function addInventoryOptions(command: Command, defaultFramework: string): Command {
  return addPostureOptions(command, defaultFramework);
}

/** What the posture core needs besides the source: one store and one set of frameworks for the run. */
export interface PostureContext {
  store?: Store;
  frameworks: Framework[];
  checksDir?: string;
  includePassed?: boolean;
}

/** A provider's inventory: what it is, its store scope, and its items (error markers for live refusals). */
export interface InventorySource {
  target: string;
  scope: string;
  items: AsyncIterable<ResourceItem>;
  live?: boolean;
}

/**
 * Starts `read` and waits for its first item, so an unreadable source becomes a usage error
 * before a scan is recorded; the returned items replay that first one.
 */
export async function primeInventory(
  read: () => AsyncGenerator<ResourceItem>,
): Promise<AsyncIterable<ResourceItem>> {
  const iterator = read();
  let first: IteratorResult<ResourceItem>;
  try {
    first = await iterator.next();
  } catch (error) {
    if (error instanceof SnapshotError) throw new UsageError(error.message);
    throw error;
  }
  return (async function* (): AsyncGenerator<ResourceItem> {
    if (first.done) return;
    yield first.value;
    yield* iterator;
  })();
}

/**
 * Evaluates every check on a provider's inventory and records it in the store as one scan of
 * `kind` and the source's scope — the core every `cloud` command shares.
 */
export async function evaluateInventory(
  kind: string,
  source: InventorySource,
  context: PostureContext,
): Promise<PostureScanResult> {
  // Live data can hold error markers (an API that refused): those become `error` findings.
  const registry = source.live
    ? withLiveErrors(loadRegistry(context.checksDir))
    : loadRegistry(context.checksDir);
  const { store } = context;
  const bar = progress("resources evaluated");
  try {
    await store?.syncFrameworks(context.frameworks);
    const mutes = store ? await store.activeMutes() : [];
    return await runPostureScan({
      kind,
      target: source.target,
      scope: source.scope,
      items: source.items,
      registry,
      compliance: complianceIndex(context.frameworks),
      recorder: store,
      mute: (finding, resource) => {
        const mute = findMute(mutes, finding, resource.tags, new Date());
        return mute && mutedBy(mute);
      },
      includePassed: context.includePassed,
      onProgress: (n) => bar.update(n),
      tool: TOOL,
    });
  } finally {
    bar.done();
  }
}

/**
 * Reads a saved inventory with `read`, evaluates every check, records the scan
 * and prints the report — the same pipeline as `mamori scan`, under the
 * provider's scan kind so the store keeps each cloud's scans apart.
 */
export async function runInventoryScan(
  kind: "azure" | "gcp",
  options: InventoryScanOptions,
  source: { target: string; scope: string; read: () => AsyncGenerator<ResourceItem>; live?: boolean },
): Promise<void> {
  await reportInventory(kind, options, async () => ({
    target: source.target,
    scope: source.scope,
    items: await primeInventory(source.read),
    live: source.live,
  }));
}

/**
 * One `cloud` command's run: the report options are checked before `collect`
 * reads anything, then the inventory is evaluated, recorded as a scan of
 * `kind` and printed; `summary` sees the report first (e.g. an API call count).
 */
export async function reportInventory<S extends InventorySource>(
  kind: string,
  options: PostureOptions,
  collect: () => Promise<S>,
  summary?: (report: PostureScanResult["report"], source: S) => void,
): Promise<void> {
  const failOn = options.failOn === undefined ? undefined : parseFailOn(options.failOn);
  const frameworks = loadAllFrameworks();
  const framework = options.compliance ? findFramework(frameworks, options.compliance) : undefined;
  const source = await collect();
  const store = options.store ? await openConfiguredStore(options) : undefined;
  try {
    const { report, allFindings } = await evaluateInventory(kind, source, {
      store,
      frameworks,
      checksDir: options.checksDir,
      includePassed: options.includePassed,
    });
    summary?.(report, source);
    writePostureReport({
      report,
      allFindings,
      format: options.format,
      output: options.output,
      color: terminalWantsColor(),
      framework,
      failOn,
    });
  } finally {
    await store?.close();
  }
}

export function azureCommand(): Command {
  const command = new Command("azure")
    .summary("evaluate every check on a saved Azure inventory (Resource Graph or ARM responses)")
    .description(
      "Read the subscriptions' resources with Azure Resource Graph, plus ARM and Microsoft Graph GETs for the\n" +
        "settings it lacks (DefaultAzureCredential: environment,\n" +
        "workload identity, managed identity, Azure CLI; --subscriptions, --tenant), or, with --snapshot,\n" +
        "a saved Azure inventory, for air-gapped use:\n" +
        '  - the JSON of `az graph query -q "resources | union securityresources | union authorizationresources"`\n' +
        "    (an object with data, or a plain array of rows);\n" +
        "  - a directory of saved ARM GET responses (one resource per file, or list responses {value: [...]}).\n" +
        "Settings the inventory does not hold are unknown, so no check fails on them.",
    )
    .option(
      "--snapshot <path>",
      "Resource Graph JSON file, or a directory of ARM GET responses (no API calls)",
    )
    .option(
      "--subscriptions <ids>",
      "comma-separated subscription ids (default: all the credential can read)",
    )
    .option("--tenant <id>", "Entra tenant to authenticate against");
  addInventoryOptions(command, "cis-azure-6.0.0");
  return command.action((options: AzureOptions) => {
    if (options.snapshot) {
      if (options.subscriptions || options.tenant)
        throw new UsageError("--subscriptions and --tenant apply to live scans, not to --snapshot");
      const path = options.snapshot;
      return runInventoryScan("azure", options, {
        target: `azure snapshot ${path}`,
        scope: `azure:snapshot:${resolve(path)}`,
        read: () => readAzureSnapshot(path),
      });
    }
    const subscriptions = parseSubscriptions(options.subscriptions);
    if (options.tenant !== undefined && !/^[\w.-]+$/.test(options.tenant))
      throw new UsageError(`--tenant ${options.tenant}: expected a tenant id or domain`);
    return runInventoryScan("azure", options, {
      target: `azure ${subscriptions ? subscriptions.join(", ") : "all readable subscriptions"}`,
      scope: `azure:live:${subscriptions ? [...subscriptions].sort().join(",") : "all"}`,
      live: true,
      read: () => readAzureLive(subscriptions, options.tenant),
    });
  });
}

interface AzureOptions extends InventoryScanOptions {
  subscriptions?: string;
  tenant?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseSubscriptions(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = ids.find((id) => !GUID.test(id));
  if (ids.length === 0 || bad !== undefined)
    throw new UsageError(`--subscriptions ${value}: expected subscription ids (GUIDs) separated by commas`);
  return ids;
}

/**
 * DefaultAzureCredential: environment, workload identity, managed identity, Azure CLI, …
 * `endpoint` replaces Resource Manager (a sovereign cloud, or a test server; Microsoft Graph is then skipped).
 */
export async function* readAzureLive(
  subscriptions: string[] | undefined,
  tenant: string | undefined,
  endpoint?: string,
): AsyncGenerator<ResourceItem> {
  // Loaded on use: the Azure SDK is heavy and only this path needs it.
  const { DefaultAzureCredential } = await import("@azure/identity");
  const { AzureSourceError, scanAzureLive } = await import("../../sources/azure/live.js");
  const credential = new DefaultAzureCredential(tenant ? { tenantId: tenant } : {});
  let result: Awaited<ReturnType<typeof scanAzureLive>>;
  try {
    result = await scanAzureLive({
      credential,
      ...(subscriptions ? { subscriptions } : {}),
      ...(endpoint ? { endpoint } : {}),
    });
  } catch (error) {
    if (error instanceof AzureSourceError) throw new UsageError(error.message);
    throw error;
  }
  process.stderr.write(
    `mamori: ${result.resources.length} resources from ${result.subscriptions.length} subscription(s), ${result.pages} Resource Graph page(s), ${result.calls} ARM/Graph call(s)\n`,
  );
  for (const message of result.errors) yield { error: { source: "azure/live", message } };
  for (const resource of result.resources) yield { resource };
}
