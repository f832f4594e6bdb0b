import { ResourceGraphClient } from "@azure/arm-resourcegraph";
import type { TokenCredential } from "@azure/core-auth";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import type { Resource, Unknown } from "../../model/index.js";
import { type GraphTable, normalizeArm, type RawArmResource } from "./normalize.js";

/**
 * The live Azure source: Azure Resource Graph through the official SDK client
 * (`@azure/arm-resourcegraph`), one query per table, paged with `$skipToken`.
 * A table that cannot be read (403, throttled past the SDK's retries) turns
 * the data it would have given into error markers, so the checks that need it
 * report `error` findings instead of passing.
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
}

export interface AzureLiveResult {
  resources: Resource[];
  subscriptions: string[];
  /** One line per table that could not be read. */
  errors: string[];
  pages: number;
}

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
  const resources = normalizeArm(
    items,
    { kind: "live", source: "azure/resource-graph", collectedAt: new Date().toISOString() },
    { complete: true, failed },
  );
  const subscriptions = [
    ...new Set(resources.filter((r) => r.type === "azure.subscription").map((r) => r.account ?? "")),
  ];
  return { resources, subscriptions, errors, pages };
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
