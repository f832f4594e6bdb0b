import type { Unknown } from "../../model/index.js";
import { unknown } from "../../model/index.js";
import { Limiter } from "../aws/limit.js";
import type { ChildKey, ChildStatus, RawArmResource } from "./normalize.js";
import type { RestReader } from "./rest.js";

/**
 * The ARM calls for the settings Azure Resource Graph does not carry: per
 * resource, child resources (blob and file service properties, Key Vault keys
 * and secrets, SQL firewall rules, auditing and Entra administrators, App Service `config/web`,
 * flexible server parameters) and diagnostic settings; per subscription, its
 * diagnostic settings and management locks. A failed call is recorded as that resource's marker
 * (403 and other errors: an error marker; 404: unknown), and the scan goes on.
 */

interface ChildCall {
  key: ChildKey;
  /** Path below the parent id. */
  path: string;
  apiVersion: string;
  /** A list response (paged with nextLink) rather than one resource. */
  list: boolean;
}

const DIAGNOSTICS: ChildCall = {
  key: "diagnosticSettings",
  path: "/providers/Microsoft.Insights/diagnosticSettings",
  apiVersion: "2021-05-01-preview",
  list: true,
};

/** Every management lock in a subscription (its own, its resource groups' and its resources'). */
const LOCKS: ChildCall = {
  key: "locks",
  path: "/providers/Microsoft.Authorization/locks",
  apiVersion: "2020-05-01",
  list: true,
};

/** What to read for each parent ARM type (lower case). API versions: the stable ones the REST reference documents. */
export const CHILD_CALLS: Record<string, ChildCall[]> = {
  "microsoft.storage/storageaccounts": [
    { key: "blobServices", path: "/blobServices/default", apiVersion: "2023-05-01", list: false },
    { key: "fileServices", path: "/fileServices/default", apiVersion: "2023-05-01", list: false },
  ],
  "microsoft.keyvault/vaults": [
    { key: "keys", path: "/keys", apiVersion: "2023-07-01", list: true },
    { key: "secrets", path: "/secrets", apiVersion: "2023-07-01", list: true },
    DIAGNOSTICS,
  ],
  "microsoft.databricks/workspaces": [DIAGNOSTICS],
  "microsoft.sql/servers": [
    { key: "firewallRules", path: "/firewallRules", apiVersion: "2021-11-01", list: true },
    { key: "auditingSettings", path: "/auditingSettings/default", apiVersion: "2021-11-01", list: false },
    { key: "administrators", path: "/administrators", apiVersion: "2021-11-01", list: true },
    {
      key: "azureADOnlyAuthentications",
      path: "/azureADOnlyAuthentications",
      apiVersion: "2021-11-01",
      list: true,
    },
  ],
  "microsoft.web/sites": [{ key: "config/web", path: "/config/web", apiVersion: "2023-12-01", list: false }],
  "microsoft.dbforpostgresql/flexibleservers": [
    { key: "configurations", path: "/configurations", apiVersion: "2022-12-01", list: true },
  ],
  "microsoft.dbformysql/flexibleservers": [
    { key: "configurations", path: "/configurations", apiVersion: "2023-12-30", list: true },
  ],
};

/** The type ARM reports for a diagnostic setting; some API versions leave it null at subscription level. */
const DIAGNOSTIC_TYPE = "Microsoft.Insights/diagnosticSettings";

export interface ChildResult {
  items: RawArmResource[];
  status: Map<string, Partial<Record<ChildKey, ChildStatus>>>;
  /** One line per failed call. */
  errors: string[];
  calls: number;
}

export async function readChildren(
  arm: RestReader,
  parents: readonly RawArmResource[],
  subscriptions: readonly string[],
  concurrency: number,
): Promise<ChildResult> {
  const jobs: { parentId: string; parentType: string; call: ChildCall }[] = [];
  for (const parent of parents)
    for (const call of CHILD_CALLS[parent.type.toLowerCase()] ?? [])
      jobs.push({ parentId: parent.id, parentType: parent.type, call });
  for (const sub of subscriptions) {
    jobs.push({ parentId: `/subscriptions/${sub}`, parentType: "", call: DIAGNOSTICS });
    jobs.push({ parentId: `/subscriptions/${sub}`, parentType: "", call: LOCKS });
  }

  const result: ChildResult = { items: [], status: new Map(), errors: [], calls: jobs.length };
  const limiter = new Limiter(concurrency);
  // Kept per job, then joined in job order: parallel calls finish in any order, the output must not.
  const outcomes = await limiter.map(jobs, async ({ parentId, parentType, call }) => {
    const path = `${parentId}${call.path}?api-version=${call.apiVersion}`;
    try {
      const rows = call.list ? await arm.list(path) : [await arm.get(path)];
      return { rows: rows.map((row) => asResource(row, parentId, parentType, call)), status: true as const };
    } catch (error) {
      return { rows: [], status: markerOf(`GET ${parentId}${call.path}`, error) };
    }
  });
  outcomes.forEach(({ rows, status }, i) => {
    const { parentId, call } = jobs[i] as (typeof jobs)[number];
    result.items.push(...rows);
    if (status !== true && "error" in status) result.errors.push(status.reason as string);
    const key = parentId.toLowerCase();
    result.status.set(key, { ...result.status.get(key), [call.key]: status });
  });
  result.errors.sort();
  return result;
}

/** A row as normalisation expects it: ARM id, type and name, even where a response left one out. */
function asResource(
  row: Record<string, unknown>,
  parentId: string,
  parentType: string,
  call: ChildCall,
): RawArmResource {
  const name = typeof row.name === "string" ? row.name : (call.path.split("/").pop() ?? "");
  const id =
    typeof row.id === "string" && row.id.startsWith("/")
      ? row.id
      : `${parentId}${call.path}${call.list ? `/${name}` : ""}`;
  const type =
    typeof row.type === "string" && row.type
      ? row.type
      : call === DIAGNOSTICS
        ? DIAGNOSTIC_TYPE
        : call === LOCKS
          ? "Microsoft.Authorization/locks"
          : `${parentType}/${call.path.split("/")[1]}`;
  return { ...row, id, type, name } as RawArmResource;
}

/** 404: the child does not exist for this resource (unknown); anything else is an error marker naming the call. */
export function markerOf(operation: string, error: unknown): Unknown & { error?: string; reason?: string } {
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown } | null;
  const status = typeof e?.statusCode === "number" && e.statusCode > 0 ? e.statusCode : undefined;
  const code = typeof e?.code === "string" ? e.code : "Error";
  const message =
    (error instanceof Error ? error.message : String(error)).split("\n")[0]?.slice(0, 300) ?? "";
  const reason = `${operation} failed:${status ? ` ${status}` : ""} ${code}${message && message !== code ? ` (${message})` : ""}`;
  if (status === 404) return unknown(reason);
  return { $unknown: true, error: code, reason };
}
