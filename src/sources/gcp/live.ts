import type { Resource } from "../../model/index.js";
import {
  ASSET_TYPES,
  type Asset,
  addAsset,
  linkLogSinkBuckets,
  PROJECT_PARTS,
  parseAsset,
  REFERENCED_PARTS,
  toResources,
} from "./asset-export.js";
import {
  errorMarkerOf,
  GoogleApiError,
  type GoogleAuthOption,
  getJson,
  listAll,
  type RestContext,
  withRetry,
} from "./rest.js";

/**
 * The live Google Cloud source. Cloud Asset Inventory `assets.list` (RESOURCE
 * and IAM_POLICY content, paged) gives the same asset objects as `gcloud asset
 * export`, so they go through the snapshot normaliser unchanged; then, per
 * project, the APIs that own the settings checks read are asked directly
 * (Logging sinks and metrics, Monitoring alert policies, Compute project
 * metadata, Access Approval settings, Essential Contacts, Cloud SQL
 * instances) and replace what
 * the inventory said. A call that fails leaves an error marker where its
 * data goes, so the dependent checks report `error` with the reason
 * instead of passing.
 */

export class GcpSourceError extends Error {
  override name = "GcpSourceError";
}

export type GcpScope = { organization: string } | { folder: string } | { projects: string[] };

export interface GcpLiveOptions {
  /** Application Default Credentials (a google-auth-library GoogleAuth) or any client googleapis-common accepts. */
  auth: GoogleAuthOption;
  scope: GcpScope;
  /** Root URL for every Google API (tests point it at a local server). */
  endpoint?: string;
  /** Assets per `assets.list` page (the API allows up to 1000). */
  pageSize?: number;
  /** Retries of a 429/503 answer. */
  maxRetries?: number;
  /** Projects whose settings are read at the same time (default 4). */
  concurrency?: number;
  /** The collection time stamped on every resource (default: now); age checks measure from it. */
  collectedAt?: Date;
}

export interface GcpLiveResult {
  resources: Resource[];
  /** Project ids scanned. */
  projects: string[];
  /** One line per call that failed. */
  errors: string[];
  calls: number;
}

const CONTENT_TYPES = ["RESOURCE", "IAM_POLICY"] as const;
const SOURCE = "gcp/cloud-asset";

export async function scanGcpLive(options: GcpLiveOptions): Promise<GcpLiveResult> {
  const context: RestContext = {
    auth: options.auth,
    calls: { count: 0 },
    ...(options.endpoint ? { rootUrl: options.endpoint } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  };
  const errors: string[] = [];
  const assets = new Map<string, Asset>();
  const failedParents: { parent: string; error: unknown }[] = [];
  /** Assets of a parent whose IAM policies could not be listed: their policies are unknown. */
  const iamFailed: { names: Set<string>; error: unknown }[] = [];
  const assetTypes = [...Object.keys(ASSET_TYPES), ...PROJECT_PARTS, ...REFERENCED_PARTS];

  for (const parent of parentsOf(options.scope)) {
    const names = new Set<string>();
    for (const contentType of CONTENT_TYPES) {
      try {
        const listed = await listAll<unknown>(
          context,
          `Cloud Asset assets.list ${parent} ${contentType}`,
          "cloudasset.googleapis.com",
          "v1/{+parent}/assets",
          { parent, contentType, assetTypes, pageSize: options.pageSize ?? 1000 },
          "assets",
        );
        for (const [index, doc] of listed.entries()) {
          const asset = parseAsset(doc, index + 1);
          if (typeof asset === "string") {
            errors.push(`Cloud Asset ${parent} ${contentType} [${index}]: ${asset}`);
            continue;
          }
          names.add(asset.name);
          addAsset(assets, asset);
        }
      } catch (error) {
        errors.push(errorLine(error));
        if (contentType === "RESOURCE") {
          failedParents.push({ parent, error });
          break;
        }
        iamFailed.push({ names, error });
      }
    }
  }
  if (failedParents.length > 0 && failedParents.length === parentsOf(options.scope).length)
    throw new GcpSourceError(errors.join("; "));

  const resources = toResources(SOURCE, [...assets.values()]);
  const collectedAt = (options.collectedAt ?? new Date()).toISOString();
  for (const resource of resources) resource.provenance = { kind: "live", source: SOURCE, collectedAt };
  for (const { names, error } of iamFailed)
    for (const resource of resources)
      if (names.has(resource.id) && resource.properties.iamPolicy === undefined) {
        resource.properties.iamPolicy = errorMarkerOf(error);
        if (resource.type === "gcp.project") resource.properties.auditConfigs = errorMarkerOf(error);
      }
  // A project that could not be listed at all still appears, and every project check on it is an error.
  for (const { parent, error } of failedParents)
    if (parent.startsWith("projects/"))
      resources.push(uncollectedProject(parent.slice(9), error, collectedAt));

  const projects = resources.filter((r) => r.type === "gcp.project" && r.account);
  // A project being deleted refuses most calls; it keeps what the inventory said.
  const active = projects.filter(
    (p) =>
      p.properties.$collection === undefined &&
      (p.properties.lifecycleState === undefined || p.properties.lifecycleState === "ACTIVE"),
  );
  // Each project's failures are kept apart so the report lists them in a stable order.
  const failures = active.map(() => [] as string[]);
  await inParallel([...active.keys()], options.concurrency ?? 4, (i) =>
    supplementProject(context, active[i] as Resource, resources, failures[i] as string[]),
  );
  errors.push(...failures.flat());
  linkLogSinkBuckets(resources);
  return {
    resources,
    projects: projects.map((p) => p.account as string),
    errors,
    calls: context.calls.count,
  };
}

function parentsOf(scope: GcpScope): string[] {
  if ("organization" in scope) return [`organizations/${scope.organization}`];
  if ("folder" in scope) return [`folders/${scope.folder}`];
  return [...new Set(scope.projects)].map((p) => `projects/${p}`);
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Project property ← list call (`{+parent}` is "projects/ID"), read page by page. */
const PROJECT_LISTS = [
  ["loggingSinks", "Logging sinks.list", "logging.googleapis.com", "v2/{+parent}/sinks", "sinks"],
  ["logMetrics", "Logging metrics.list", "logging.googleapis.com", "v2/{+parent}/metrics", "metrics"],
  [
    "alertPolicies",
    "Monitoring alertPolicies.list",
    "monitoring.googleapis.com",
    "v3/{+parent}/alertPolicies",
    "alertPolicies",
  ],
] as const;

/** The settings Cloud Asset may not carry (or carry late), read from the APIs that own them. */
async function supplementProject(
  context: RestContext,
  project: Resource,
  resources: Resource[],
  errors: string[],
): Promise<void> {
  const id = project.account as string;
  const parent = `projects/${id}`;
  const read = async (
    property: string,
    call: () => Promise<unknown>,
    onError: (error: unknown) => unknown,
  ) => {
    try {
      project.properties[property] = await call();
    } catch (error) {
      errors.push(errorLine(error));
      project.properties[property] = onError(error);
    }
  };
  for (const [property, operation, host, path, field] of PROJECT_LISTS)
    await read(
      property,
      () => listAll(context, `${operation} ${parent}`, host, path, { parent }, field),
      errorMarkerOf,
    );
  await read(
    "commonInstanceMetadata",
    async () => {
      const body = await getJson<{ commonInstanceMetadata?: unknown }>(
        context,
        `Compute projects.get ${id}`,
        "compute.googleapis.com",
        "compute/v1/projects/{project}",
        { project: id },
      );
      return body?.commonInstanceMetadata ?? null;
    },
    // Checks read commonInstanceMetadata.items; the marker goes there so they see it.
    (error) => ({ items: errorMarkerOf(error) }),
  );
  // The API answers with the effective settings, including enrolment inherited from a folder or organization.
  try {
    project.properties.accessApprovalSettings = await getJson(
      context,
      `Access Approval getAccessApprovalSettings ${id}`,
      "accessapproval.googleapis.com",
      "v1/projects/{project}/accessApprovalSettings",
      { project: id },
    );
  } catch (error) {
    // NOT_FOUND: the project has no settings, i.e. it never enrolled.
    if (error instanceof GoogleApiError && error.status === 404)
      project.properties.accessApprovalSettings = null;
    else {
      errors.push(errorLine(error));
      project.properties.accessApprovalSettings = errorMarkerOf(error);
    }
  }
  // `contacts:compute` answers with the effective contacts, those inherited from a folder or organization included.
  await read(
    "essentialContacts",
    async () =>
      (
        await listAll<{ email?: unknown; notificationCategorySubscriptions?: unknown }>(
          context,
          `Essential Contacts contacts.compute ${parent}`,
          "essentialcontacts.googleapis.com",
          "v1/{+parent}/contacts:compute",
          { parent },
          "contacts",
        )
      ).map((c) => ({
        email: c.email ?? null,
        notificationCategorySubscriptions: Array.isArray(c.notificationCategorySubscriptions)
          ? c.notificationCategorySubscriptions
          : [],
      })),
    errorMarkerOf,
  );
  await supplementSql(context, id, resources, errors);
}

/** Cloud SQL database flags from the Cloud SQL Admin API, for the instances the inventory listed. */
async function supplementSql(
  context: RestContext,
  projectId: string,
  resources: Resource[],
  errors: string[],
): Promise<void> {
  const instances = resources.filter((r) => r.type === "gcp.sql.instance" && r.account === projectId);
  if (instances.length === 0) return;
  try {
    const { sqladmin } = await import("@googleapis/sqladmin");
    const client = sqladmin({
      version: "v1",
      auth: context.auth,
      ...(context.rootUrl ? { rootUrl: context.rootUrl } : {}),
    });
    const listed = new Map<string, { settings?: { databaseFlags?: unknown } }>();
    let pageToken: string | undefined;
    do {
      const token = pageToken;
      const { data } = await withRetry(context, `Cloud SQL instances.list ${projectId}`, () =>
        client.instances.list(
          { project: projectId, ...(token ? { pageToken: token } : {}) },
          { retry: false },
        ),
      );
      for (const item of data.items ?? []) if (item.name) listed.set(item.name, item);
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    for (const instance of instances) {
      const live = listed.get(instance.name);
      const settings = settingsOf(instance);
      // An instance gone since the inventory was indexed keeps the inventory's flags.
      if (!live) continue;
      if (live.settings?.databaseFlags) settings.databaseFlags = live.settings.databaseFlags;
      else delete settings.databaseFlags;
    }
  } catch (error) {
    errors.push(errorLine(error));
    for (const instance of instances) {
      const settings = settingsOf(instance);
      settings.databaseFlags = errorMarkerOf(error);
    }
  }
}

function uncollectedProject(projectId: string, error: unknown, collectedAt: string): Resource {
  return {
    type: "gcp.project",
    id: `//cloudresourcemanager.googleapis.com/projects/${projectId}`,
    provider: "gcp",
    name: projectId,
    account: projectId,
    tags: {},
    properties: { projectId, $collection: errorMarkerOf(error) },
    provenance: { kind: "live", source: SOURCE, collectedAt },
  };
}

function errorLine(error: unknown): string {
  if (error instanceof GoogleApiError) return error.message;
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

function settingsOf(instance: Resource): Record<string, unknown> {
  const settings = instance.properties.settings;
  if (settings && typeof settings === "object" && !Array.isArray(settings))
    return settings as Record<string, unknown>;
  instance.properties.settings = {};
  return instance.properties.settings as Record<string, unknown>;
}
