import { readFile, stat } from "node:fs/promises";
import type { Resource, ScanError } from "../../model/index.js";
import { unknown } from "../../model/index.js";
import { jsonErrorLocation } from "../azure/json-error.js";
import { MAX_DOCUMENT_BYTES, SnapshotError, type SnapshotItem } from "../snapshot/index.js";
import { type Asset, toResources } from "./asset-export.js";

/**
 * Reads `gcloud asset search-all-resources --format=json` output (a JSON
 * array of ResourceSearchResult) into the same canonical `gcp.*` resources as
 * an asset export. A result carries the resource's settings only when the
 * search asked for them (`--read-mask='*'` returns `versionedResources`);
 * otherwise every property a check reads is the unknown marker, so the scan
 * lists the inventory without failing a check on what the search did not say.
 */

/** Top-level properties checks read, per canonical type (docs/resource-types.md). */
const CHECKED_FIELDS: Record<string, string[]> = {
  "gcp.storage.bucket": ["iamPolicy", "iamConfiguration", "versioning", "logging", "retentionPolicy"],
  "gcp.compute.firewall": ["direction", "disabled", "network", "sourceRanges", "allowed", "denied"],
  "gcp.compute.instance": [
    "serviceAccounts",
    "metadata",
    "canIpForward",
    "shieldedInstanceConfig",
    "networkInterfaces",
    "confidentialInstanceConfig",
  ],
  "gcp.sql.instance": ["databaseVersion", "settings"],
  "gcp.container.cluster": [
    "legacyAbac",
    "privateClusterConfig",
    "masterAuthorizedNetworksConfig",
    "workloadIdentityConfig",
    "shieldedNodes",
    "networkPolicy",
    "networkConfig",
  ],
  "gcp.kms.crypto-key": ["purpose", "rotationPeriod", "nextRotationTime", "iamPolicy"],
  "gcp.dns.managed-zone": ["visibility", "dnssecConfig"],
  "gcp.iam.service-account-key": ["keyType", "validAfterTime", "validBeforeTime"],
  "gcp.project": [
    "iamPolicy",
    "auditConfigs",
    "commonInstanceMetadata",
    "loggingSinks",
    "logMetrics",
    "alertPolicies",
    "enabledServices",
    "accessApprovalSettings",
  ],
  "gcp.apikeys.key": ["restrictions", "createTime"],
  "gcp.compute.backend-service": ["protocol", "loadBalancingScheme", "logConfig"],
  "gcp.compute.disk": ["diskEncryptionKey"],
  "gcp.compute.network": ["autoCreateSubnetworks", "IPv4Range", "subnetworks", "dnsPolicies"],
  "gcp.compute.subnetwork": ["purpose", "logConfig", "enableFlowLogs"],
  "gcp.bigquery.dataset": ["access", "defaultEncryptionConfiguration"],
  "gcp.bigquery.table": ["encryptionConfiguration"],
  "gcp.dataproc.cluster": ["config"],
  "gcp.cloudfunctions.function": [
    "environmentVariables",
    "buildEnvironmentVariables",
    "serviceConfig",
    "buildConfig",
  ],
  "gcp.compute.target-https-proxy": ["sslPolicy", "sslPolicyConfig"],
  "gcp.compute.target-ssl-proxy": ["sslPolicy", "sslPolicyConfig"],
};

const NOT_IN_SEARCH =
  "gcloud asset search-all-resources did not return the resource's settings (use --read-mask='*' or gcloud asset export)";

interface SearchResult {
  name: string;
  assetType: string;
  project?: string;
  displayName?: string;
  location?: string;
  labels?: Record<string, unknown>;
  additionalAttributes?: Record<string, unknown>;
  versionedResources?: { version?: string; resource?: Record<string, unknown> }[];
}

/** True when a document's first bytes look like search-all-resources JSON (for format detection). */
export function looksLikeSearchAllResources(head: string): boolean {
  const start = head.trimStart();
  return start.startsWith("[") && /"assetType"\s*:/.test(head) && /"name"\s*:\s*"\/\//.test(head);
}

export async function* readSearchAllResources(file: string): AsyncGenerator<SnapshotItem> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new SnapshotError(`${file}: not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  if (size > MAX_DOCUMENT_BYTES)
    throw new SnapshotError(`${file}: ${size} bytes is larger than the 256 MiB limit`);
  const text = await readFile(file, "utf8");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`${file}:${jsonErrorLocation(text, (error as Error).message)}`);
  }
  if (!Array.isArray(doc))
    throw new SnapshotError(`${file}: not search-all-resources output (expected a JSON array of results)`);
  const errors: ScanError[] = [];
  const assets: Asset[] = [];
  const partial = new Set<string>();
  doc.forEach((entry, i) => {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      errors.push({ source: file, message: `[${i}]: expected a search result object` });
      return;
    }
    const r = entry as SearchResult;
    if (typeof r.name !== "string" || !r.name.startsWith("//")) {
      errors.push({ source: file, message: `[${i}]: name must be a full resource name (//service/...)` });
      return;
    }
    if (typeof r.assetType !== "string") {
      errors.push({ source: file, message: `[${i}]: ${r.name}: assetType must be a string` });
      return;
    }
    const full = r.versionedResources?.find((v) => v?.resource && typeof v.resource === "object")?.resource;
    const data: Record<string, unknown> = full
      ? { ...full }
      : { name: r.displayName ?? r.name.split("/").pop() };
    if (!full) {
      partial.add(r.name);
      if (r.labels) data.labels = r.labels;
      if (r.assetType === "cloudresourcemanager.googleapis.com/Project") {
        const projectId = r.additionalAttributes?.projectId ?? r.displayName;
        if (typeof projectId === "string") data.projectId = projectId;
        const number = /^projects\/(\d+)$/.exec(r.project ?? "")?.[1];
        if (number) data.projectNumber = number;
      }
    }
    const asset: Asset = { name: r.name, assetType: r.assetType, data, line: i + 1 };
    if (typeof r.location === "string") asset.location = r.location;
    if (typeof r.project === "string" && r.project.startsWith("projects/")) asset.projectRef = r.project;
    assets.push(asset);
  });
  for (const error of errors) yield { error };
  // A DNS policy without its settings may be the one that logs a network's queries.
  const dnsPolicyPartial = assets.some(
    (a) => a.assetType === "dns.googleapis.com/Policy" && partial.has(a.name),
  );
  for (const resource of toResources(file, assets)) {
    if (partial.has(resource.id)) markUnknown(resource);
    if (dnsPolicyPartial && resource.type === "gcp.compute.network")
      resource.properties.dnsPolicies = unknown(NOT_IN_SEARCH);
    yield { resource };
  }
}

/**
 * Fields some checks read through helpers that look one level down
 * (`metadata.items`, `settings.databaseFlags`): their children are unknown,
 * so those helpers see the marker too.
 */
const NESTED: Record<string, string[]> = {
  metadata: ["items"],
  commonInstanceMetadata: ["items"],
  settings: ["databaseFlags", "ipConfiguration", "backupConfiguration", "deletionProtectionEnabled"],
  serviceConfig: ["environmentVariables"],
  buildConfig: ["environmentVariables"],
};

function markUnknown(resource: Resource): void {
  for (const field of CHECKED_FIELDS[resource.type] ?? []) {
    const nested = NESTED[field];
    resource.properties[field] = nested
      ? Object.fromEntries(nested.map((key) => [key, unknown(NOT_IN_SEARCH)]))
      : unknown(NOT_IN_SEARCH);
  }
}
