import type { Provenance, Resource, Unknown } from "../../model/index.js";
import { unknown } from "../../model/index.js";
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

const hasType = (children: RawArmResource[], suffix: string) =>
  children.some((c) => lower(c.type).endsWith(lower(suffix)));
const ofType = (children: RawArmResource[], suffix: string) =>
  children.filter((c) => lower(c.type).endsWith(lower(suffix)));

function diagnosticSettings(children: RawArmResource[]): unknown {
  const settings = ofType(children, "microsoft.insights/diagnosticsettings");
  if (settings.length === 0) return missing("Microsoft.Insights/diagnosticSettings of this resource");
  return settings.map((s) => ({
    name: s.name,
    logs: (s.properties?.logs as unknown[]) ?? [],
    workspaceId: s.properties?.workspaceId ?? null,
    storageAccountId: s.properties?.storageAccountId ?? null,
    eventHubAuthorizationRuleId: s.properties?.eventHubAuthorizationRuleId ?? null,
  }));
}

function privateEndpoints(item: RawArmResource): unknown[] {
  const list = item.properties?.privateEndpointConnections;
  return Array.isArray(list) ? list : [];
}

/** Properties beyond the ARM adapter's, per canonical type (they come from GET responses only). */
function extraProperties(type: string, item: RawArmResource, children: RawArmResource[]) {
  const p = item.properties ?? {};
  switch (type) {
    case "azure.storage.account": {
      const blob = ofType(children, "storageaccounts/blobservices")[0]?.properties;
      const file = ofType(children, "storageaccounts/fileservices")[0]?.properties;
      return {
        allowCrossTenantReplication: p.allowCrossTenantReplication ?? false,
        defaultToOAuthAuthentication: p.defaultToOAuthAuthentication ?? false,
        privateEndpointConnections: privateEndpoints(item),
        keyPolicy: p.keyPolicy ?? null,
        blobServiceProperties: blob
          ? {
              deleteRetentionPolicy: blob.deleteRetentionPolicy ?? { enabled: false },
              containerDeleteRetentionPolicy: blob.containerDeleteRetentionPolicy ?? { enabled: false },
              isVersioningEnabled: blob.isVersioningEnabled ?? false,
            }
          : missing("the blobServices/default response"),
        fileServiceProperties: file
          ? {
              shareDeleteRetentionPolicy: file.shareDeleteRetentionPolicy ?? { enabled: false },
              protocolSettings: file.protocolSettings ?? { smb: {} },
            }
          : missing("the fileServices/default response"),
      };
    }
    case "azure.keyvault.vault": {
      const attrs = (c: RawArmResource) => (c.properties?.attributes ?? {}) as Record<string, unknown>;
      return {
        privateEndpointConnections: privateEndpoints(item),
        keys: hasType(children, "vaults/keys")
          ? ofType(children, "vaults/keys").map((k) => ({
              name: k.name.split("/").pop(),
              enabled: attrs(k).enabled ?? true,
              expires: attrs(k).exp ?? null,
              rotationPolicy: k.properties?.rotationPolicy ?? null,
            }))
          : missing("the vault's keys list"),
        secrets: hasType(children, "vaults/secrets")
          ? ofType(children, "vaults/secrets").map((s) => ({
              name: s.name.split("/").pop(),
              enabled: attrs(s).enabled ?? true,
              expires: attrs(s).exp ?? null,
            }))
          : missing("the vault's secrets list"),
        diagnosticSettings: diagnosticSettings(children),
      };
    }
    default:
      return {};
  }
}

/** Properties the ARM adapter fills that only child responses can confirm for a live resource. */
function childDependent(type: string, props: Record<string, unknown>, children: RawArmResource[]) {
  if (type === "azure.sql.server") {
    if (!hasType(children, "servers/firewallrules"))
      props.firewallRules = missing("the server's firewallRules list");
    if (!hasType(children, "servers/auditingsettings"))
      props.auditing = missing("the server's auditingSettings/default response");
  }
  if (type === "azure.web.app" && !hasType(children, "sites/config"))
    props.siteConfig = missing("the site's config/web response");
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
};

function ownProperties(type: string, item: RawArmResource): Record<string, unknown> {
  const p = item.properties ?? {};
  switch (type) {
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
        enableNoPublicIp: parameters.enableNoPublicIp?.value ?? false,
        publicNetworkAccess: p.publicNetworkAccess ?? "Enabled",
        privateEndpointConnections: privateEndpoints(item),
        diagnosticSettings: null,
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
  const resources: Resource[] = [];
  for (const item of items) {
    const kids = children.get(lower(item.id)) ?? [];
    const mapper = ARM_MAPPERS.find((m) => lower(m.armType) === lower(item.type));
    if (mapper) {
      const resource = base(item, mapper.canonicalType, provenance);
      const childArm = kids
        .filter((c) => mapper.childTypes?.some((t) => lower(t) === lower(c.type)))
        .map(toArm);
      const props = mapper.map(toArm(item), childArm, noPositions);
      childDependent(mapper.canonicalType, props, kids);
      resource.properties = { ...props, ...extraProperties(mapper.canonicalType, item, kids) };
      resources.push(resource);
      continue;
    }
    const own = OWN_TYPES[lower(item.type)];
    if (own) {
      const resource = base(item, own, provenance);
      resource.properties = ownProperties(own, item);
      if (own === "azure.databricks.workspace")
        resource.properties.diagnosticSettings = diagnosticSettings(kids);
      resources.push(resource);
    }
  }
  resources.push(...subscriptions(items, provenance, options));
  return resources;
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
              { pricingTier: r.properties?.pricingTier ?? null, subPlan: r.properties?.subPlan ?? null },
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
        activityLogDiagnosticSettings:
          diagnostics.length > 0
            ? diagnostics.map((d) => ({
                name: d.name,
                logs: (d.properties?.logs as unknown[]) ?? [],
                workspaceId: d.properties?.workspaceId ?? null,
                storageAccountId: d.properties?.storageAccountId ?? null,
                eventHubAuthorizationRuleId: d.properties?.eventHubAuthorizationRuleId ?? null,
              }))
            : unknown("no subscription diagnostic settings in the snapshot"),
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
function securityContact(row: RawArmResource): Record<string, unknown> {
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
