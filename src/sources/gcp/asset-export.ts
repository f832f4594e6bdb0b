import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { type Resource, type ScanError, unknown } from "../../model/index.js";
import { SnapshotError, type SnapshotItem } from "../snapshot/index.js";

/**
 * Reads a Cloud Asset Inventory export — `gcloud asset export
 * --content-type=resource` and/or `--content-type=iam-policy`, one asset per
 * line (`name`, `assetType`, `resource.data`, `iamPolicy`, `ancestors`) — into
 * canonical `gcp.*` resources. Resource and IAM-policy lines of the same
 * asset merge, so both exports can be concatenated into one file. Assets of
 * types no check reads yet are counted, not kept.
 */

/** Cloud Asset type → canonical type, for the assets that are resources of their own. */
export const ASSET_TYPES: Record<string, string> = {
  "storage.googleapis.com/Bucket": "gcp.storage.bucket",
  "compute.googleapis.com/Firewall": "gcp.compute.firewall",
  "compute.googleapis.com/Instance": "gcp.compute.instance",
  "sqladmin.googleapis.com/Instance": "gcp.sql.instance",
  "container.googleapis.com/Cluster": "gcp.container.cluster",
  "cloudkms.googleapis.com/CryptoKey": "gcp.kms.crypto-key",
  "dns.googleapis.com/ManagedZone": "gcp.dns.managed-zone",
  "iam.googleapis.com/ServiceAccountKey": "gcp.iam.service-account-key",
  "cloudresourcemanager.googleapis.com/Project": "gcp.project",
  "compute.googleapis.com/Network": "gcp.compute.network",
  "compute.googleapis.com/Subnetwork": "gcp.compute.subnetwork",
  "bigquery.googleapis.com/Dataset": "gcp.bigquery.dataset",
  "bigquery.googleapis.com/Table": "gcp.bigquery.table",
  "dataproc.googleapis.com/Cluster": "gcp.dataproc.cluster",
  "apikeys.googleapis.com/Key": "gcp.apikeys.key",
  "compute.googleapis.com/BackendService": "gcp.compute.backend-service",
  "compute.googleapis.com/Disk": "gcp.compute.disk",
  // 1st gen functions (environmentVariables) and 2nd gen (serviceConfig.environmentVariables).
  "cloudfunctions.googleapis.com/CloudFunction": "gcp.cloudfunctions.function",
  "cloudfunctions.googleapis.com/Function": "gcp.cloudfunctions.function",
  "compute.googleapis.com/TargetHttpsProxy": "gcp.compute.target-https-proxy",
  "compute.googleapis.com/TargetSslProxy": "gcp.compute.target-ssl-proxy",
};
/** Assets read only to fill in the resources that refer to them (an SSL policy into its proxies, a DNS policy into its networks). */
export const REFERENCED_PARTS = new Set(["compute.googleapis.com/SslPolicy", "dns.googleapis.com/Policy"]);
/** Proxy types whose `sslPolicy` reference is resolved into `sslPolicyConfig`. */
const SSL_PROXY_TYPES = new Set(["gcp.compute.target-https-proxy", "gcp.compute.target-ssl-proxy"]);
/** Assets whose settings belong to their project's `gcp.project` resource. */
export const PROJECT_PARTS = new Set([
  "compute.googleapis.com/Project",
  "logging.googleapis.com/LogSink",
  "logging.googleapis.com/LogMetric",
  "monitoring.googleapis.com/AlertPolicy",
  "serviceusage.googleapis.com/Service",
  "accessapproval.googleapis.com/AccessApprovalSettings",
]);

const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface Asset {
  name: string;
  assetType: string;
  data?: Record<string, unknown>;
  iamPolicy?: Record<string, unknown>;
  location?: string;
  /** "projects/123" from `ancestors` or the resource's parent. */
  projectRef?: string;
  line: number;
}

/** True when the first line looks like a Cloud Asset export (for format detection). */
export function looksLikeAssetExport(head: string): boolean {
  const first = head.split("\n", 1)[0] ?? "";
  return /"assetType"\s*:/.test(first) && /"name"\s*:\s*"\/\//.test(first);
}

export async function* readAssetExport(file: string): AsyncGenerator<SnapshotItem> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new SnapshotError(`${file}: not a file`);
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  const assets = new Map<string, Asset>();
  const errors: ScanError[] = [];
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === "") continue;
    if (text.length > MAX_LINE_BYTES) {
      errors.push({ source: file, line: lineNumber, message: "line longer than 16 MiB, skipped" });
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      errors.push({ source: file, line: lineNumber, message: `invalid JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = parseAsset(doc, lineNumber);
    if (typeof parsed === "string") {
      errors.push({ source: file, line: lineNumber, message: parsed });
      continue;
    }
    addAsset(assets, parsed);
  }
  if (lineNumber > 0 && assets.size === 0 && errors.length === lineNumber)
    throw new SnapshotError(`${file}: not a Cloud Asset export (${errors[0]?.message ?? "no assets"})`);
  for (const error of errors) yield { error };
  for (const resource of toResources(file, [...assets.values()])) yield { resource };
}

/** Adds an asset, merging it into an earlier one of the same name (resource and IAM-policy halves). */
export function addAsset(assets: Map<string, Asset>, asset: Asset): void {
  const known = assets.get(asset.name);
  if (known) {
    known.data ??= asset.data;
    known.iamPolicy ??= asset.iamPolicy;
    known.projectRef ??= asset.projectRef;
    known.location ??= asset.location;
  } else assets.set(asset.name, asset);
}

/** One asset object as `gcloud asset export` writes it and `assets.list` returns it. */
export function parseAsset(doc: unknown, line: number): Asset | string {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    return "expected one asset object per line";
  const record = doc as Record<string, unknown>;
  if (typeof record.name !== "string" || record.name === "") return "asset without a name";
  if (typeof record.assetType !== "string") return `${record.name}: asset without an assetType`;
  const resource = record.resource as Record<string, unknown> | undefined;
  const asset: Asset = { name: record.name, assetType: record.assetType, line };
  if (resource && typeof resource === "object") {
    if (resource.data && typeof resource.data === "object")
      asset.data = resource.data as Record<string, unknown>;
    if (typeof resource.location === "string") asset.location = resource.location;
    if (typeof resource.parent === "string") {
      const match = /\/\/cloudresourcemanager\.googleapis\.com\/(projects\/[^/]+)$/.exec(resource.parent);
      if (match?.[1]) asset.projectRef = match[1];
    }
  }
  if (record.iamPolicy && typeof record.iamPolicy === "object")
    asset.iamPolicy = record.iamPolicy as Record<string, unknown>;
  const ancestors = Array.isArray(record.ancestors) ? record.ancestors : [];
  const project = ancestors.find((a): a is string => typeof a === "string" && a.startsWith("projects/"));
  if (project) asset.projectRef = project;
  return asset;
}

export function toResources(file: string, assets: Asset[]): Resource[] {
  // Exports name projects by number in `ancestors`; the Project asset gives the id people use.
  const projectIds = new Map<string, string>();
  for (const asset of assets)
    if (asset.assetType === "cloudresourcemanager.googleapis.com/Project" && asset.data) {
      const id = asset.data.projectId;
      const number = asset.data.projectNumber;
      if (typeof id === "string" && number !== undefined) projectIds.set(`projects/${String(number)}`, id);
    }
  const projectOf = (asset: Asset) =>
    asset.projectRef
      ? (projectIds.get(asset.projectRef) ?? asset.projectRef.slice("projects/".length))
      : undefined;

  const resources: Resource[] = [];
  const projects = new Map<string, Resource>();
  for (const asset of assets) {
    const type = ASSET_TYPES[asset.assetType];
    if (!type) continue;
    const properties: Record<string, unknown> = { ...(asset.data ?? {}) };
    if (asset.iamPolicy) properties.iamPolicy = asset.iamPolicy;
    if (type === "gcp.project") {
      if (Array.isArray(asset.iamPolicy?.auditConfigs))
        properties.auditConfigs = asset.iamPolicy.auditConfigs;
      properties.loggingSinks = [];
      properties.logMetrics = [];
      properties.alertPolicies = [];
      properties.enabledServices = [];
      // No settings asset: the project never enrolled in Access Approval.
      properties.accessApprovalSettings = null;
    }
    const resource: Resource = {
      type,
      id: asset.name,
      provider: "gcp",
      name: displayName(asset),
      tags: labels(asset.data),
      properties,
      provenance: { kind: "snapshot", file },
    };
    const account = type === "gcp.project" ? (asset.data?.projectId as string | undefined) : projectOf(asset);
    if (account) resource.account = account;
    if (asset.location && asset.location !== "global") resource.region = asset.location;
    if (type === "gcp.project" && account) projects.set(account, resource);
    resources.push(resource);
  }
  resolveSslPolicies(resources, assets);
  attachDnsPolicies(resources, assets);
  for (const asset of assets) {
    if (!PROJECT_PARTS.has(asset.assetType) || !asset.data) continue;
    const project = projects.get(projectOf(asset) ?? "");
    if (!project) continue;
    if (asset.assetType === "compute.googleapis.com/Project")
      project.properties.commonInstanceMetadata = asset.data.commonInstanceMetadata ?? null;
    else if (asset.assetType === "logging.googleapis.com/LogSink")
      (project.properties.loggingSinks as unknown[]).push(asset.data);
    else if (asset.assetType === "logging.googleapis.com/LogMetric")
      (project.properties.logMetrics as unknown[]).push(asset.data);
    else if (asset.assetType === "serviceusage.googleapis.com/Service") {
      const config = asset.data.config as { name?: unknown } | undefined;
      if (asset.data.state === "ENABLED" && typeof config?.name === "string")
        (project.properties.enabledServices as unknown[]).push(config.name);
    } else if (asset.assetType === "accessapproval.googleapis.com/AccessApprovalSettings")
      project.properties.accessApprovalSettings = asset.data;
    else (project.properties.alertPolicies as unknown[]).push(asset.data);
  }
  linkLogSinkBuckets(resources);
  return resources;
}

/** "projects/P/global/networks/N" from an asset name or a Compute URL. */
function networkKey(reference: string): string | undefined {
  return /(projects\/[^/]+\/global\/networks\/[^/]+)$/.exec(reference)?.[1];
}

/**
 * A network's Cloud DNS logging is a setting of the DNS server policy bound
 * to it, not of the network: each network gets `dnsPolicies`, the policies
 * (name, enableLogging) that list it. No policy is an empty list.
 */
function attachDnsPolicies(resources: Resource[], assets: Asset[]): void {
  const byNetwork = new Map<string, { name: unknown; enableLogging: boolean }[]>();
  for (const asset of assets) {
    if (asset.assetType !== "dns.googleapis.com/Policy" || !asset.data) continue;
    const networks = Array.isArray(asset.data.networks) ? asset.data.networks : [];
    for (const network of networks) {
      const url = (network as { networkUrl?: unknown } | null)?.networkUrl;
      const key = typeof url === "string" ? networkKey(url) : undefined;
      if (!key) continue;
      const list = byNetwork.get(key) ?? [];
      list.push({ name: asset.data.name ?? asset.name, enableLogging: asset.data.enableLogging === true });
      byNetwork.set(key, list);
    }
  }
  for (const resource of resources)
    if (resource.type === "gcp.compute.network")
      resource.properties.dnsPolicies = byNetwork.get(networkKey(resource.id) ?? "") ?? [];
}

/**
 * Marks each bucket that a project's log sink writes to with `logSinks` (the
 * sink names), so a bucket check can ask more of log archives. Called again
 * by the live source once it has replaced the sinks with the Logging API's.
 */
export function linkLogSinkBuckets(resources: Resource[]): void {
  const sinksByBucket = new Map<string, string[]>();
  for (const project of resources) {
    if (project.type !== "gcp.project" || !Array.isArray(project.properties.loggingSinks)) continue;
    for (const sink of project.properties.loggingSinks as { name?: unknown; destination?: unknown }[]) {
      const match = /^storage\.googleapis\.com\/([^/]+)$/.exec(String(sink?.destination ?? ""));
      if (!match?.[1]) continue;
      const list = sinksByBucket.get(match[1]) ?? [];
      list.push(`${project.account ?? ""}/${String(sink.name ?? "")}`);
      sinksByBucket.set(match[1], list);
    }
  }
  for (const bucket of resources)
    if (bucket.type === "gcp.storage.bucket")
      bucket.properties.logSinks = sinksByBucket.get(String(bucket.properties.name ?? bucket.name)) ?? [];
}

/** "projects/P/global/sslPolicies/N" (or regions/R) from an asset name or a Compute self link. */
function sslPolicyKey(reference: string): string | undefined {
  return /(projects\/[^/]+\/(?:global|regions\/[^/]+)\/sslPolicies\/[^/]+)$/.exec(reference)?.[1];
}

/**
 * A proxy names its SSL policy by URL; the checks need the policy itself. No
 * policy means Google's default (COMPATIBLE profile, TLS 1.0), stated as
 * null; a policy the inventory did not return is unknown, not weak.
 */
function resolveSslPolicies(resources: Resource[], assets: Asset[]): void {
  const policies = new Map<string, Record<string, unknown>>();
  for (const asset of assets) {
    const key = REFERENCED_PARTS.has(asset.assetType) ? sslPolicyKey(asset.name) : undefined;
    if (key && asset.data) policies.set(key, asset.data);
  }
  for (const resource of resources) {
    if (!SSL_PROXY_TYPES.has(resource.type)) continue;
    const reference = resource.properties.sslPolicy;
    if (typeof reference !== "string" || reference === "") {
      resource.properties.sslPolicyConfig = null;
      continue;
    }
    const policy = policies.get(sslPolicyKey(reference) ?? reference);
    resource.properties.sslPolicyConfig = policy
      ? {
          name: policy.name ?? null,
          profile: policy.profile ?? "COMPATIBLE",
          minTlsVersion: policy.minTlsVersion ?? "TLS_1_0",
          customFeatures: policy.customFeatures ?? [],
          enabledFeatures: policy.enabledFeatures ?? [],
        }
      : unknown(`SSL policy ${reference} is not in the inventory`);
  }
}

function displayName(asset: Asset): string {
  const data = asset.data ?? {};
  // An API key's name is a generated uid; people know it by its display name.
  const keys = asset.assetType === "apikeys.googleapis.com/Key" ? ["displayName", "name"] : ["name"];
  for (const key of [...keys, "projectId", "dnsName"]) {
    const value = data[key];
    if (typeof value === "string" && value !== "") return value.split("/").at(-1) ?? value;
  }
  return asset.name.split("/").at(-1) ?? asset.name;
}

function labels(data: Record<string, unknown> | undefined): Record<string, string> {
  const source = data?.labels;
  if (!source || typeof source !== "object") return {};
  return Object.fromEntries(
    Object.entries(source as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === "string",
    ),
  );
}
