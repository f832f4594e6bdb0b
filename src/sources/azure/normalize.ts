import type { Provenance, Resource, Unknown } from "../../model/index.js";
import { isUnknown, unknown } from "../../model/index.js";
import { ARM_MAPPERS } from "../iac/arm/mappers/index.js";
import type { ArmResource } from "../iac/arm/template.js";

/**
 * Turns ARM resource objects — rows of Azure Resource Graph (`resources`,
 * `securityresources`, `authorizationresources`) or saved ARM `GET` responses;
 * both have `id`, `type`, `name`, `location`, `properties`, `tags`, `sku`,
 * `kind` — into canonical `azure.*` resources (docs/resource-types.md).
 *
 * The six types the ARM template adapter maps reuse its mappers, so a template
 * and a running subscription fill one shape. Settings that Resource Graph does
 * not carry (SQL firewall rules and auditing, App Service `config/web`, blob
 * and file service properties, Key Vault keys and secrets, diagnostic
 * settings) are taken from child resources when the input holds them, and are
 * otherwise the unknown marker, so no check fails on what was not collected.
 */

export interface RawArmResource {
  id: string;
  tenantId?: string;
  type: string;
  name: string;
  location?: string;
  subscriptionId?: string;
  properties?: Record<string, unknown>;
  tags?: Record<string, unknown>;
  sku?: Record<string, unknown>;
  kind?: string;
  identity?: unknown;
}

/** The API version whose defaults apply to properties a live response leaves out. */
const LIVE_API_VERSION = "2023-05-01";

const lower = (s: string) => s.toLowerCase();
const DIAGNOSTIC = "/providers/microsoft.insights/diagnosticsettings/";

/** The id of the resource a child belongs to, or undefined for a top-level resource. */
export function parentId(id: string): string | undefined {
  const l = lower(id);
  const diag = l.lastIndexOf(DIAGNOSTIC);
  if (diag >= 0) return id.slice(0, diag) || undefined;
  const at = l.lastIndexOf("/providers/");
  if (at < 0) return undefined;
  const segments = id.slice(at + "/providers/".length).split("/");
  // namespace/type/name is top level (under a subscription or resource group); deeper is a child.
  if (segments.length > 3) return id.split("/").slice(0, -2).join("/");
  return id.slice(0, at) || undefined;
}

export function subscriptionOf(item: RawArmResource): string | undefined {
  if (item.subscriptionId) return item.subscriptionId;
  return /^\/subscriptions\/([^/]+)/i.exec(item.id)?.[1];
}

function toArm(item: RawArmResource): ArmResource {
  return {
    type: item.type,
    name: item.name,
    label: item.name,
    apiVersion: LIVE_API_VERSION,
    body: { ...item, properties: item.properties ?? {} } as Record<string, unknown>,
    path: [],
    topKey: item.id,
  };
}

const noPositions = { at() {} };

function tagsOf(item: RawArmResource): Record<string, string> {
  return Object.fromEntries(
    Object.entries(item.tags ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

function missing(what: string): ReturnType<typeof unknown> {
  return unknown(`${what} is not in the snapshot`);
}

const ofType = (children: RawArmResource[], suffix: string) =>
  children.filter((c) => lower(c.type).endsWith(lower(suffix)));

/**
 * What a live source knows of one child family of a resource: `true` when it
 * was read (its rows, possibly none, are in the input), or the marker of the
 * failed call. A snapshot has no status: a family without rows is not collected.
 */
export type ChildStatus = true | Unknown;
export type ChildKey =
  | "blobServices"
  | "fileServices"
  | "keys"
  | "secrets"
  | "diagnosticSettings"
  | "firewallRules"
  | "auditingSettings"
  | "administrators"
  | "azureADOnlyAuthentications"
  | "config/web"
  | "configurations"
  | "locks";

interface Kids {
  rows: RawArmResource[];
  status: Partial<Record<ChildKey, ChildStatus>>;
}

/** `build` over the family's rows when they were collected, else the failed call's marker or "not collected". */
function fromChildren<T>(
  kids: Kids,
  key: ChildKey,
  suffix: string,
  what: string,
  build: (rows: RawArmResource[]) => T,
): T | Unknown {
  const rows = ofType(kids.rows, suffix);
  const status = kids.status[key];
  if (rows.length > 0 || status === true) return build(rows);
  return status ?? missing(what);
}

function settingsOf(rows: RawArmResource[]) {
  return rows.map((s) => ({
    name: s.name,
    logs: (s.properties?.logs as unknown[]) ?? [],
    workspaceId: s.properties?.workspaceId ?? null,
    storageAccountId: s.properties?.storageAccountId ?? null,
    eventHubAuthorizationRuleId: s.properties?.eventHubAuthorizationRuleId ?? null,
  }));
}

function diagnosticSettings(kids: Kids): unknown {
  return fromChildren(
    kids,
    "diagnosticSettings",
    "microsoft.insights/diagnosticsettings",
    "Microsoft.Insights/diagnosticSettings of this resource",
    settingsOf,
  );
}

function privateEndpoints(item: RawArmResource): unknown[] {
  const list = item.properties?.privateEndpointConnections;
  return Array.isArray(list) ? list : [];
}

/** Properties beyond the ARM adapter's, per canonical type (they come from GET responses only). */
function extraProperties(type: string, item: RawArmResource, kids: Kids) {
  const p = item.properties ?? {};
  switch (type) {
    case "azure.storage.account":
      return {
        allowCrossTenantReplication: p.allowCrossTenantReplication ?? false,
        defaultToOAuthAuthentication: p.defaultToOAuthAuthentication ?? false,
        privateEndpointConnections: privateEndpoints(item),
        keyPolicy: p.keyPolicy ?? null,
        // When each access key was last (re)generated; older accounts may lack it.
        keyCreationTime: p.keyCreationTime ?? null,
        blobServiceProperties: fromChildren(
          kids,
          "blobServices",
          "storageaccounts/blobservices",
          "the blobServices/default response",
          (rows) => {
            const blob = rows[0]?.properties ?? {};
            return {
              deleteRetentionPolicy: blob.deleteRetentionPolicy ?? { enabled: false },
              containerDeleteRetentionPolicy: blob.containerDeleteRetentionPolicy ?? { enabled: false },
              isVersioningEnabled: blob.isVersioningEnabled ?? false,
            };
          },
        ),
        fileServiceProperties: fromChildren(
          kids,
          "fileServices",
          "storageaccounts/fileservices",
          "the fileServices/default response",
          (rows) => {
            const file = rows[0]?.properties ?? {};
            return {
              shareDeleteRetentionPolicy: file.shareDeleteRetentionPolicy ?? { enabled: false },
              protocolSettings: file.protocolSettings ?? { smb: {} },
            };
          },
        ),
      };
    case "azure.keyvault.vault": {
      const attrs = (c: RawArmResource) => (c.properties?.attributes ?? {}) as Record<string, unknown>;
      return {
        privateEndpointConnections: privateEndpoints(item),
        keys: fromChildren(kids, "keys", "vaults/keys", "the vault's keys list", (rows) =>
          rows.map((k) => ({
            name: k.name.split("/").pop(),
            enabled: attrs(k).enabled ?? true,
            expires: attrs(k).exp ?? null,
            rotationPolicy: k.properties?.rotationPolicy ?? null,
          })),
        ),
        secrets: fromChildren(kids, "secrets", "vaults/secrets", "the vault's secrets list", (rows) =>
          rows.map((s) => ({
            name: s.name.split("/").pop(),
            enabled: attrs(s).enabled ?? true,
            expires: attrs(s).exp ?? null,
          })),
        ),
        diagnosticSettings: diagnosticSettings(kids),
      };
    }
    default:
      return {};
  }
}

/** Properties the ARM adapter fills that only child responses can confirm for a live resource. */
function childDependent(type: string, props: Record<string, unknown>, kids: Kids) {
  const confirm = (property: string, key: ChildKey, suffix: string, what: string) => {
    const known = fromChildren(kids, key, suffix, what, () => true);
    if (known !== true) props[property] = known;
  };
  if (type === "azure.sql.server") {
    confirm("firewallRules", "firewallRules", "servers/firewallrules", "the server's firewallRules list");
    confirm(
      "auditing",
      "auditingSettings",
      "servers/auditingsettings",
      "the server's auditingSettings/default response",
    );
    // Without these lists the server's own `administrators` property stands; a failed call must not.
    const admins = kids.status.administrators;
    if (isUnknown(admins)) props.administrators = admins;
    const aadOnly = kids.status.azureADOnlyAuthentications;
    const current = props.administrators;
    if (isUnknown(aadOnly) && current && typeof current === "object" && !isUnknown(current))
      props.administrators = { ...current, azureADOnlyAuthentication: aadOnly };
  }
  if (type === "azure.web.app")
    confirm("siteConfig", "config/web", "sites/config", "the site's config/web response");
}

function base(item: RawArmResource, type: string, provenance: Provenance): Resource {
  const resource: Resource = {
    type,
    id: item.id,
    provider: "azure",
    name: item.name,
    tags: tagsOf(item),
    properties: {},
    provenance,
  };
  const account = subscriptionOf(item);
  if (account) resource.account = account;
  if (item.location && item.location !== "global") resource.region = lower(item.location);
  return resource;
}

/** Canonical types of this module's own (not produced by the ARM template adapter). */
const OWN_TYPES: Record<string, string> = {
  "microsoft.network/virtualnetworks": "azure.network.vnet",
  "microsoft.network/networkwatchers/flowlogs": "azure.network.flow-log",
  "microsoft.network/applicationgateways": "azure.network.application-gateway",
  "microsoft.databricks/workspaces": "azure.databricks.workspace",
  "microsoft.network/applicationgatewaywebapplicationfirewallpolicies": "azure.network.waf-policy",
  "microsoft.network/virtualnetworkgateways": "azure.network.vpn-gateway",
  "microsoft.dbforpostgresql/flexibleservers": "azure.postgresql.flexible-server",
  "microsoft.dbformysql/flexibleservers": "azure.mysql.flexible-server",
};

function ownProperties(type: string, item: RawArmResource, kids: Kids): Record<string, unknown> {
  const p = item.properties ?? {};
  switch (type) {
    case "azure.postgresql.flexible-server":
    case "azure.mysql.flexible-server":
      return {
        version: p.version ?? null,
        publicNetworkAccess:
          (p.network as { publicNetworkAccess?: unknown } | undefined)?.publicNetworkAccess ?? null,
        // Server parameters by name, as the configurations list reports their current values.
        parameters: fromChildren(
          kids,
          "configurations",
          "flexibleservers/configurations",
          "the server's configurations list",
          (rows) =>
            Object.fromEntries(rows.map((r) => [r.name.split("/").pop(), r.properties?.value ?? null])),
        ),
      };
    case "azure.network.vnet":
      return {
        enableDdosProtection: p.enableDdosProtection ?? false,
        subnets: (Array.isArray(p.subnets) ? p.subnets : []).map((s: Record<string, unknown>) => {
          const sp = (s.properties ?? {}) as Record<string, unknown>;
          return {
            name: s.name ?? null,
            networkSecurityGroup: (sp.networkSecurityGroup as { id?: unknown } | undefined)?.id ?? null,
            delegations: Array.isArray(sp.delegations)
              ? sp.delegations.map(
                  (d: { properties?: { serviceName?: unknown } }) => d.properties?.serviceName,
                )
              : [],
          };
        }),
      };
    case "azure.network.flow-log":
      return {
        targetResourceId: p.targetResourceId ?? null,
        enabled: p.enabled ?? false,
        retentionPolicy: p.retentionPolicy ?? { enabled: false, days: 0 },
        // Traffic analytics: where the flow log is sent to Log Analytics.
        flowAnalyticsConfiguration: p.flowAnalyticsConfiguration ?? null,
      };
    case "azure.network.application-gateway":
      return {
        sku: p.sku ?? null,
        firewallPolicy: (p.firewallPolicy as { id?: unknown } | undefined)?.id ?? null,
        webApplicationFirewallConfiguration: p.webApplicationFirewallConfiguration ?? null,
        sslPolicy: p.sslPolicy ?? null,
        enableHttp2: p.enableHttp2 ?? false,
      };
    case "azure.network.waf-policy":
      return {
        policySettings: p.policySettings ?? null,
        managedRuleSets:
          ((p.managedRules as { managedRuleSets?: unknown } | undefined)?.managedRuleSets as unknown[]) ?? [],
      };
    case "azure.network.vpn-gateway":
      return { gatewayType: p.gatewayType ?? null, vpnClientConfiguration: p.vpnClientConfiguration ?? null };
    case "azure.databricks.workspace": {
      const parameters = (p.parameters ?? {}) as Record<string, { value?: unknown } | undefined>;
      return {
        customVirtualNetworkId: parameters.customVirtualNetworkId?.value ?? null,
        customPublicSubnetName: parameters.customPublicSubnetName?.value ?? null,
        customPrivateSubnetName: parameters.customPrivateSubnetName?.value ?? null,
        enableNoPublicIp: parameters.enableNoPublicIp?.value ?? false,
        publicNetworkAccess: p.publicNetworkAccess ?? "Enabled",
        privateEndpointConnections: privateEndpoints(item),
        diagnosticSettings: diagnosticSettings(kids),
      };
    }
    default:
      return {};
  }
}

export interface NormalizeOptions {
  /**
   * True when the input lists every resource of its Resource Graph tables (a
   * live query): a family with no rows then means "none", not "not collected".
   */
  complete?: boolean;
  /** Resource Graph tables that could not be read, with the marker to write where their data goes. */
  failed?: Partial<Record<GraphTable, Unknown>>;
  /**
   * Child families a live source read (or failed to read), by the lower-cased
   * id of their parent; subscription-level ones under `/subscriptions/<id>`.
   */
  children?: ReadonlyMap<string, Partial<Record<ChildKey, ChildStatus>>>;
  /** Microsoft Graph tenant settings; without them no `azure.tenant` resource is made. */
  entra?: EntraInput;
}

/** Microsoft Graph responses (or the marker of the failed call) for the tenant settings CIS reads. */
export interface EntraInput {
  tenantId?: string;
  securityDefaults?: Record<string, unknown> | Unknown;
  authorizationPolicy?: Record<string, unknown> | Unknown;
}

export type GraphTable = "resources" | "securityresources" | "authorizationresources";

/**
 * Canonical resources from a flat list of ARM objects. Children are joined to
 * their parents by id; subscription-level settings build one
 * `azure.subscription` per subscription.
 */
export function normalizeArm(
  items: readonly RawArmResource[],
  provenance: Provenance,
  options: NormalizeOptions = {},
): Resource[] {
  const children = new Map<string, RawArmResource[]>();
  for (const item of items) {
    const parent = parentId(item.id);
    if (!parent) continue;
    const key = lower(parent);
    const list = children.get(key) ?? [];
    list.push(item);
    children.set(key, list);
  }
  const locksBySubscription = new Map<string, RawArmResource[]>();
  for (const item of items)
    if (lower(item.type) === LOCK_TYPE) {
      const sub = subscriptionOf(item) ?? "";
      locksBySubscription.set(sub, [...(locksBySubscription.get(sub) ?? []), item]);
    }
  const resources: Resource[] = [];
  for (const item of items) {
    const kids: Kids = {
      rows: children.get(lower(item.id)) ?? [],
      status: options.children?.get(lower(item.id)) ?? {},
    };
    const mapper = ARM_MAPPERS.find((m) => lower(m.armType) === lower(item.type));
    if (mapper) {
      const resource = base(item, mapper.canonicalType, provenance);
      const childArm = kids.rows
        .filter((c) => mapper.childTypes?.some((t) => lower(t) === lower(c.type)))
        // The id names the child (`…/config/web`); some responses put the parent's name in `name`.
        .map((c) => toArm({ ...c, name: c.id.split("/").pop() || c.name }));
      const props = mapper.map(toArm(item), childArm, noPositions);
      childDependent(mapper.canonicalType, props, kids);
      resource.properties = { ...props, ...extraProperties(mapper.canonicalType, item, kids) };
      if (mapper.canonicalType === "azure.storage.account")
        resource.properties.locks = locksOn(item, locksBySubscription, options);
      resources.push(resource);
      continue;
    }
    const own = OWN_TYPES[lower(item.type)];
    if (own) {
      const resource = base(item, own, provenance);
      resource.properties = ownProperties(own, item, kids);
      resources.push(resource);
    }
  }
  joinDatabricksSubnets(resources);
  resources.push(...subscriptions(items, provenance, options));
  if (options.entra) resources.push(tenant(items, provenance, options.entra));
  return resources;
}

/**
 * A VNet-injected Databricks workspace names its two subnets; their NSGs are
 * settings of the virtual network. Each such workspace gets `injectedSubnets`
 * ({name, networkSecurityGroup}); null without VNet injection, unknown when
 * the network or the subnet names are not in the input.
 */
function joinDatabricksSubnets(resources: Resource[]): void {
  const vnets = new Map<string, Resource>();
  for (const r of resources) if (r.type === "azure.network.vnet") vnets.set(lower(r.id), r);
  for (const workspace of resources) {
    if (workspace.type !== "azure.databricks.workspace") continue;
    const p = workspace.properties;
    if (typeof p.customVirtualNetworkId !== "string" || p.customVirtualNetworkId === "") {
      p.injectedSubnets = null;
      continue;
    }
    const vnet = vnets.get(lower(p.customVirtualNetworkId));
    const names = [p.customPublicSubnetName, p.customPrivateSubnetName];
    if (!vnet) p.injectedSubnets = missing(`virtual network ${p.customVirtualNetworkId}`);
    else if (!names.every((n) => typeof n === "string" && n !== ""))
      p.injectedSubnets = unknown(
        "the workspace does not name its subnets (customPublicSubnetName/customPrivateSubnetName)",
      );
    else {
      const subnets = Array.isArray(vnet.properties.subnets)
        ? (vnet.properties.subnets as { name?: unknown; networkSecurityGroup?: unknown }[])
        : [];
      p.injectedSubnets = names.map((name) => {
        const subnet = subnets.find(
          (s) => typeof s?.name === "string" && lower(s.name) === lower(String(name)),
        );
        return {
          name,
          networkSecurityGroup: subnet
            ? (subnet.networkSecurityGroup ?? null)
            : missing(`subnet ${String(name)} of ${String(p.customVirtualNetworkId)}`),
        };
      });
    }
  }
}

const LOCK_TYPE = "microsoft.authorization/locks";
const LOCK_SEGMENT = "/providers/microsoft.authorization/locks/";

/**
 * The management locks that apply to a resource: those at its subscription,
 * its resource group or the resource itself (locks are inherited downwards).
 * Known when the subscription's lock list was read (live) or the input holds
 * at least one lock of that subscription (a snapshot cannot say "none").
 */
function locksOn(
  item: RawArmResource,
  locksBySubscription: ReadonlyMap<string, RawArmResource[]>,
  options: NormalizeOptions,
): unknown {
  const sub = subscriptionOf(item);
  const locks = locksBySubscription.get(sub ?? "") ?? [];
  const status = sub ? options.children?.get(lower(`/subscriptions/${sub}`))?.locks : undefined;
  if (locks.length === 0 && status !== true)
    return status ?? missing("Microsoft.Authorization/locks of the subscription");
  const target = lower(item.id);
  return locks
    .map((lock) => {
      const at = lower(lock.id).lastIndexOf(LOCK_SEGMENT);
      return { lock, scope: at >= 0 ? lower(lock.id).slice(0, at) : "" };
    })
    .filter(({ scope }) => scope !== "" && (target === scope || target.startsWith(`${scope}/`)))
    .map(({ lock, scope }) => ({ name: lock.name, level: lock.properties?.level ?? null, scope }));
}

/**
 * The Entra ID tenant, from Microsoft Graph policies. Its id is the tenant id
 * the subscriptions name (Graph's policy objects do not carry it).
 */
function tenant(items: readonly RawArmResource[], provenance: Provenance, entra: EntraInput): Resource {
  const tenantId =
    entra.tenantId ?? items.find((i) => typeof i.tenantId === "string" && i.tenantId)?.tenantId ?? "unknown";
  const read = (value: Record<string, unknown> | Unknown | undefined, what: string) =>
    value === undefined ? missing(what) : value;
  const defaults = read(entra.securityDefaults, "the identitySecurityDefaultsEnforcementPolicy response");
  const policy = read(entra.authorizationPolicy, "the authorizationPolicy response");
  const permissions = (isUnknown(policy) ? {} : (policy.defaultUserRolePermissions ?? {})) as Record<
    string,
    unknown
  >;
  return {
    type: "azure.tenant",
    id: `/tenants/${tenantId}`,
    provider: "azure",
    account: tenantId,
    name: tenantId,
    tags: {},
    provenance,
    properties: {
      securityDefaultsEnabled: isUnknown(defaults) ? defaults : (defaults.isEnabled ?? false),
      authorizationPolicy: isUnknown(policy)
        ? policy
        : {
            allowInvitesFrom: policy.allowInvitesFrom ?? null,
            guestUserRoleId: policy.guestUserRoleId ?? null,
            allowEmailVerifiedUsersToJoinOrganization:
              policy.allowEmailVerifiedUsersToJoinOrganization ?? null,
            allowedToCreateApps: permissions.allowedToCreateApps ?? null,
            allowedToCreateSecurityGroups: permissions.allowedToCreateSecurityGroups ?? null,
            allowedToCreateTenants: permissions.allowedToCreateTenants ?? null,
          },
    },
  };
}

/** A pricing's `extensions` (isEnabled is the string "True"/"False" in the API) as `{name, isEnabled: boolean}`. */
export function pricingExtensions(value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (!Array.isArray(value)) return undefined;
  return value.map((e: { name?: unknown; isEnabled?: unknown } | null) => ({
    name: e?.name ?? null,
    isEnabled: String(e?.isEnabled).toLowerCase() === "true",
  }));
}

/** `{extensions}` when the pricing lists its components; nothing when it does not say. */
function withExtensions(value: unknown): { extensions?: unknown } {
  const extensions = pricingExtensions(value);
  return extensions === undefined ? {} : { extensions };
}

const SUBSCRIPTION_PARTS = {
  pricings: "microsoft.security/pricings",
  securitySettings: "microsoft.security/settings",
  securityContacts: "microsoft.security/securitycontacts",
  activityLogAlerts: "microsoft.insights/activitylogalerts",
  networkWatchers: "microsoft.network/networkwatchers",
  roleAssignments: "microsoft.authorization/roleassignments",
  roleDefinitions: "microsoft.authorization/roledefinitions",
  bastionHosts: "microsoft.network/bastionhosts",
  appInsights: "microsoft.insights/components",
} as const;

const OWNER_ROLE = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const USER_ACCESS_ADMIN_ROLE = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

/** The Resource Graph table each subscription-level family is listed in. */
const TABLE_OF: Record<string, GraphTable> = {
  "microsoft.security/pricings": "securityresources",
  "microsoft.security/settings": "securityresources",
  "microsoft.security/securitycontacts": "securityresources",
  "microsoft.authorization/roleassignments": "authorizationresources",
  "microsoft.authorization/roledefinitions": "authorizationresources",
};

function subscriptions(
  items: readonly RawArmResource[],
  provenance: Provenance,
  options: NormalizeOptions,
): Resource[] {
  const bySubscription = new Map<string, RawArmResource[]>();
  // Assignments at the tenant root ("/") apply to every subscription.
  const rootAssignments = items.filter(
    (i) => !subscriptionOf(i) && lower(i.type) === SUBSCRIPTION_PARTS.roleAssignments,
  );
  for (const item of items) {
    const sub = subscriptionOf(item);
    if (!sub) continue;
    const list = bySubscription.get(sub) ?? [];
    list.push(item);
    bySubscription.set(sub, list);
  }
  const out: Resource[] = [];
  for (const [sub, own] of bySubscription) {
    const list = [...own, ...rootAssignments];
    const of = (t: string) => list.filter((i) => lower(i.type) === t);
    const known = <T>(t: string, what: string, build: (rows: RawArmResource[]) => T): T | Unknown => {
      const failed = options.failed?.[TABLE_OF[t] ?? "resources"];
      if (failed) return failed;
      if (of(t).length > 0 || options.complete) return build(of(t));
      return unknown(`no ${what} in the snapshot`);
    };
    const subscriptionRow = list.find((i) => lower(i.type) === "microsoft.resources/subscriptions");
    const diagnostics = list.filter(
      (i) =>
        lower(i.type) === "microsoft.insights/diagnosticsettings" &&
        parentId(i.id) === `/subscriptions/${sub}`,
    );
    const regions = [
      ...new Set(
        list
          .filter((i) => i.location && !["global", ""].includes(lower(i.location)))
          .filter((i) => !lower(i.type).startsWith("microsoft.network/networkwatchers"))
          .map((i) => lower(i.location as string).replace(/\s+/g, "")),
      ),
    ].sort();
    out.push({
      type: "azure.subscription",
      id: `/subscriptions/${sub}`,
      provider: "azure",
      account: sub,
      name: (subscriptionRow?.properties?.displayName as string | undefined) ?? subscriptionRow?.name ?? sub,
      tags: subscriptionRow ? tagsOf(subscriptionRow) : {},
      provenance,
      properties: {
        defenderPlans: known(SUBSCRIPTION_PARTS.pricings, "Microsoft.Security/pricings", (rows) =>
          Object.fromEntries(
            rows.map((r) => [
              r.name,
              {
                pricingTier: r.properties?.pricingTier ?? null,
                subPlan: r.properties?.subPlan ?? null,
                ...withExtensions(r.properties?.extensions),
              },
            ]),
          ),
        ),
        securitySettings: known(SUBSCRIPTION_PARTS.securitySettings, "Microsoft.Security/settings", (rows) =>
          Object.fromEntries(rows.map((r) => [r.name, { enabled: r.properties?.enabled ?? false }])),
        ),
        securityContacts: known(
          SUBSCRIPTION_PARTS.securityContacts,
          "Microsoft.Security/securityContacts",
          (rows) => rows.map((r) => securityContact(r)),
        ),
        activityLogDiagnosticSettings: fromChildren(
          { rows: diagnostics, status: options.children?.get(lower(`/subscriptions/${sub}`)) ?? {} },
          "diagnosticSettings",
          "microsoft.insights/diagnosticsettings",
          "subscription diagnostic settings",
          settingsOf,
        ),
        activityLogAlerts: known(
          SUBSCRIPTION_PARTS.activityLogAlerts,
          "Microsoft.Insights/activityLogAlerts",
          (rows) =>
            rows.map((r) => ({
              name: r.name,
              enabled: r.properties?.enabled ?? true,
              scopes: r.properties?.scopes ?? [],
              condition: r.properties?.condition ?? { allOf: [] },
              actions: r.properties?.actions ?? { actionGroups: [] },
            })),
        ),
        regionsInUse: regions,
        networkWatcherRegions: known(
          SUBSCRIPTION_PARTS.networkWatchers,
          "Microsoft.Network/networkWatchers",
          (rows) =>
            rows
              .filter((r) => (r.properties?.provisioningState ?? "Succeeded") === "Succeeded")
              .map((r) => lower(r.location ?? "").replace(/\s+/g, "")),
        ),
        roleAssignments: known(
          SUBSCRIPTION_PARTS.roleAssignments,
          "Microsoft.Authorization/roleAssignments",
          (rows) =>
            rows.map((r) => {
              const roleId =
                String(r.properties?.roleDefinitionId ?? "")
                  .split("/")
                  .pop() ?? "";
              return {
                scope: r.properties?.scope ?? null,
                roleDefinitionId: roleId,
                role:
                  roleId === OWNER_ROLE
                    ? "Owner"
                    : roleId === USER_ACCESS_ADMIN_ROLE
                      ? "User Access Administrator"
                      : null,
                principalId: r.properties?.principalId ?? null,
                principalType: r.properties?.principalType ?? null,
              };
            }),
        ),
        customRoleDefinitions: known(
          SUBSCRIPTION_PARTS.roleDefinitions,
          "Microsoft.Authorization/roleDefinitions",
          (rows) =>
            rows
              .filter((r) => r.properties?.type === "CustomRole")
              .map((r) => ({
                roleName: r.properties?.roleName ?? r.name,
                assignableScopes: r.properties?.assignableScopes ?? [],
                permissions: r.properties?.permissions ?? [],
              })),
        ),
        bastionHostCount: known(
          SUBSCRIPTION_PARTS.bastionHosts,
          "Microsoft.Network/bastionHosts",
          (rows) => rows.length,
        ),
        appInsightsCount: known(
          SUBSCRIPTION_PARTS.appInsights,
          "Microsoft.Insights/components",
          (rows) => rows.length,
        ),
      },
    });
  }
  return out;
}

/** Security contacts in the 2023-12-01-preview shape; the 2020-01-01-preview shape is converted. */
export function securityContact(row: RawArmResource): Record<string, unknown> {
  const p = row.properties ?? {};
  const emails =
    typeof p.emails === "string"
      ? p.emails
          .split(/[;,]/)
          .map((e) => e.trim())
          .filter(Boolean)
      : [];
  if (Array.isArray(p.notificationsSources) || typeof p.isEnabled === "boolean") {
    return {
      name: row.name,
      emails,
      isEnabled: p.isEnabled ?? true,
      notificationsByRole: p.notificationsByRole ?? { state: "Off", roles: [] },
      notificationsSources: p.notificationsSources ?? [],
    };
  }
  const alerts = (p.alertNotifications ?? {}) as { state?: unknown; minimalSeverity?: unknown };
  return {
    name: row.name,
    emails,
    isEnabled: true,
    notificationsByRole: p.notificationsByRole ?? { state: "Off", roles: [] },
    notificationsSources:
      alerts.state === "On"
        ? [{ sourceType: "Alert", minimalSeverity: alerts.minimalSeverity ?? "High" }]
        : [],
  };
}
