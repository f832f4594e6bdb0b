import { ResourceGraphClient } from "@azure/arm-resourcegraph";
import type { TokenCredential } from "@azure/core-auth";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import type { Resource, Unknown } from "../../model/index.js";
import { readChildren } from "./children.js";
import { readEntra } from "./entra.js";
import {
  type EntraInput,
  type GraphTable,
  normalizeArm,
  type RawArmResource,
  subscriptionOf,
} from "./normalize.js";
import { RestReader } from "./rest.js";

/**
 * The live Azure source: Azure Resource Graph through the official SDK client
 * (`@azure/arm-resourcegraph`), one query per table, paged with `$skipToken`;
 * then ARM GETs for the settings Resource Graph lacks (children.ts) and
 * Microsoft Graph for the Entra ID policies (entra.ts). A table or call that
 * cannot be read (403, throttled past the SDK's retries) turns the data it
 * would have given into error markers — for a per-resource call, on that
 * resource only — so the checks that need it report `error` findings instead
 * of passing.
 */

export class AzureSourceError extends Error {
  override name = "AzureSourceError";
}

export interface AzureLiveOptions {
  credential: TokenCredential;
  /** Subscription ids to query; default: every subscription the credential can read. */
  subscriptions?: string[];
  /** Resource Manager endpoint (tests point it at a local server). */
  endpoint?: string;
  /** Extra pipeline policies (tests use one to trust a local certificate). */
  additionalPolicies?: PipelinePolicy[];
  /** Rows per page; Resource Graph allows at most 1000. */
  pageSize?: number;
  /**
   * Microsoft Graph endpoint (tests point it at a local server); `false` skips the Entra ID
   * policies. Default: the public Graph, unless `endpoint` is set (then skipped).
   */
  graphEndpoint?: string | false;
  /** ARM calls in flight at once for per-resource settings. */
  concurrency?: number;
}

export interface AzureLiveResult {
  resources: Resource[];
  subscriptions: string[];
  /** One line per table or call that could not be read. */
  errors: string[];
  /** Resource Graph pages read. */
  pages: number;
  /** ARM and Microsoft Graph GET calls made after the Resource Graph queries (pages of a list count once). */
  calls: number;
}

const ARM_ENDPOINT = "https://management.azure.com";
const GRAPH_ENDPOINT = "https://graph.microsoft.com";

const QUERIES: Record<GraphTable | "resourcecontainers", string> = {
  resources: "resources",
  securityresources:
    "securityresources | where type in~ ('microsoft.security/pricings', 'microsoft.security/securitycontacts', 'microsoft.security/settings')",
  authorizationresources:
    "authorizationresources | where type in~ ('microsoft.authorization/roleassignments', 'microsoft.authorization/roledefinitions')",
  resourcecontainers: "resourcecontainers | where type =~ 'microsoft.resources/subscriptions'",
};

/** Resource Graph pages are capped; a loop past this is a server that never stops handing out tokens. */
const MAX_PAGES = 10_000;

export async function scanAzureLive(options: AzureLiveOptions): Promise<AzureLiveResult> {
  const client = new ResourceGraphClient(options.credential, {
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    additionalPolicies: (options.additionalPolicies ?? []).map((policy) => ({
      policy,
      position: "perCall" as const,
    })),
  });
  const items: RawArmResource[] = [];
  const failed: Partial<Record<GraphTable, Unknown>> = {};
  const errors: string[] = [];
  let pages = 0;
  for (const [table, query] of Object.entries(QUERIES) as [keyof typeof QUERIES, string][]) {
    try {
      let skipToken: string | undefined;
      do {
        if (++pages > MAX_PAGES)
          throw new AzureSourceError(`Resource Graph ${table}: more than ${MAX_PAGES} pages`);
        const response = await client.resources({
          query,
          ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
          options: {
            resultFormat: "objectArray",
            top: options.pageSize ?? 1000,
            ...(skipToken ? { skipToken } : {}),
          },
        });
        if (!Array.isArray(response.data))
          throw new AzureSourceError(`Resource Graph ${table}: the response has no data array`);
        items.push(...(response.data as RawArmResource[]));
        skipToken = response.skipToken || undefined;
      } while (skipToken);
    } catch (error) {
      const line = describe(table, error);
      // Without the resources table there is nothing to scan: a usage error (credentials, scope).
      if (table === "resources") throw new AzureSourceError(line);
      errors.push(line);
      if (table !== "resourcecontainers")
        failed[table] = { $unknown: true, error: errorCode(error), reason: line } as Unknown;
    }
  }
  const policies = options.additionalPolicies ?? [];
  const arm = new RestReader({
    credential: options.credential,
    endpoint: options.endpoint ?? ARM_ENDPOINT,
    additionalPolicies: policies,
  });
  const subscriptionIds = [
    ...new Set([
      ...(options.subscriptions ?? []),
      ...items.map(subscriptionOf).filter((s) => s !== undefined),
    ]),
  ].sort();
  const children = await readChildren(arm, items, subscriptionIds, options.concurrency ?? 8);
  errors.push(...children.errors);
  let calls = children.calls;
  let entra: EntraInput | undefined;
  // A custom ARM endpoint (a sovereign cloud, a test server) has its own Graph: never send its token to the public one.
  const graphEndpoint = options.graphEndpoint ?? (options.endpoint ? false : GRAPH_ENDPOINT);
  if (graphEndpoint !== false) {
    const graph = new RestReader({
      credential: options.credential,
      endpoint: graphEndpoint,
      scope: `${GRAPH_ENDPOINT}/.default`,
      additionalPolicies: policies,
    });
    const read = await readEntra(graph);
    entra = read.entra;
    errors.push(...read.errors);
    calls += 2;
  }
  const resources = normalizeArm(
    [...items, ...children.items],
    { kind: "live", source: "azure/live", collectedAt: new Date().toISOString() },
    { complete: true, failed, children: children.status, ...(entra ? { entra } : {}) },
  );
  const subscriptions = [
    ...new Set(resources.filter((r) => r.type === "azure.subscription").map((r) => r.account ?? "")),
  ];
  return { resources, subscriptions, errors, pages, calls };
}

function errorCode(error: unknown): string {
  const e = error as { code?: unknown; statusCode?: unknown } | null;
  if (typeof e?.code === "string") return e.code;
  if (typeof e?.statusCode === "number") return `HTTP${e.statusCode}`;
  return "Error";
}

function describe(table: string, error: unknown): string {
  const e = error as { statusCode?: unknown; message?: unknown } | null;
  const status = typeof e?.statusCode === "number" ? ` ${e.statusCode}` : "";
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]?.slice(0, 300);
  return `Resource Graph ${table} query failed:${status} ${errorCode(error)}: ${message}`;
}
