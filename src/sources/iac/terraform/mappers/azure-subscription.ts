/**
 * azure.subscription from the subscription-level azurerm resources of a
 * configuration: Defender plans, security contacts and settings, activity log
 * alerts and subscription diagnostic settings. None of them is a parent the
 * others join, so this is a pass over all instances rather than a TfMapper.
 *
 * Like the snapshot normalizer (src/sources/azure/normalize.ts), a family the
 * configuration declares is the list of what it declares, and a family it
 * does not declare is unknown: the subscription exists outside the
 * configuration and may be set up elsewhere.
 */
import { isUnknown, type LineRange, type Resource, unknown } from "../../../../model/index.js";
import { unknownOrigin } from "../eval/values.js";
import { bool, first, type TfFormatName } from "./common.js";
import { blocks, compact } from "./gcp-common.js";
import type { TfResourceInput } from "./input.js";

export const AZURE_SUBSCRIPTION_TYPES = [
  "azurerm_security_center_subscription_pricing",
  "azurerm_security_center_contact",
  "azurerm_security_center_setting",
  "azurerm_monitor_activity_log_alert",
  "azurerm_monitor_diagnostic_setting",
  "azurerm_role_definition",
] as const;

const isSubscriptionData = (address: string) => address.startsWith("data.azurerm_subscription.");

const SUBSCRIPTION_ID = /^\/subscriptions\/([^/]+)\/?$/i;

/**
 * Whether an id attribute names a subscription: a literal `/subscriptions/ID`,
 * or a reference to a `data "azurerm_subscription"` (the deployment's own).
 */
export function subscriptionTarget(
  input: TfResourceInput,
  attribute: string,
): "current" | string | undefined {
  const value = input.values[attribute];
  if (typeof value === "string") return SUBSCRIPTION_ID.exec(value)?.[1];
  const refs = input.refs[attribute] ?? [];
  if (isUnknown(value) && refs.length > 0 && refs.every(isSubscriptionData)) return "current";
  return undefined;
}

/** ARM's activity-log condition fields, by azurerm `criteria` attribute (single value, list value). */
const CRITERIA_FIELDS: [string, string | undefined, string][] = [
  ["category", undefined, "category"],
  ["operation_name", undefined, "operationName"],
  ["resource_provider", "resource_providers", "resourceProvider"],
  ["resource_type", "resource_types", "resourceType"],
  ["resource_group", "resource_groups", "resourceGroup"],
  ["resource_id", "resource_ids", "resourceId"],
  ["caller", undefined, "caller"],
  ["level", "levels", "level"],
  ["status", "statuses", "status"],
  ["sub_status", "sub_statuses", "subStatus"],
];

/** `criteria {}` → `condition.allOf`; a list attribute becomes an `anyOf` group, as the provider sends it. */
function condition(criteria: Record<string, unknown> | undefined): unknown {
  const allOf: unknown[] = [];
  if (!criteria) return { allOf };
  for (const [single, plural, field] of CRITERIA_FIELDS) {
    const one = criteria[single];
    if (isUnknown(one)) return one;
    if (typeof one === "string" && one !== "") allOf.push({ field, equals: one });
    const many = plural === undefined ? undefined : criteria[plural];
    if (isUnknown(many)) return many;
    if (Array.isArray(many) && many.length > 0)
      allOf.push({ anyOf: many.map((equals) => ({ field, equals })) });
  }
  return { allOf };
}

/** Diagnostic setting logs: `enabled_log {}` (enabled by being there) and the older `log { enabled }`. */
export function diagnosticLogs(setting: TfResourceInput): unknown {
  const current = blocks(setting.values.enabled_log);
  const legacy = blocks(setting.values.log);
  if (isUnknown(current)) return current;
  if (isUnknown(legacy)) return legacy;
  const entry = (log: Record<string, unknown>, enabled: unknown) =>
    compact({ category: log.category, categoryGroup: log.category_group, enabled });
  return [...current.map((l) => entry(l, true)), ...legacy.map((l) => entry(l, bool(l.enabled, true)))];
}

/** One diagnostic setting in the shape of the live normalizer. */
export function diagnosticSetting(setting: TfResourceInput): Record<string, unknown> {
  const v = setting.values;
  return {
    name: v.name ?? null,
    logs: diagnosticLogs(setting),
    workspaceId: v.log_analytics_workspace_id ?? null,
    storageAccountId: v.storage_account_id ?? null,
    eventHubAuthorizationRuleId: v.eventhub_authorization_rule_id ?? null,
  };
}

/** `azurerm_security_center_contact` (API 2020-01-01-preview) in the 2023-12-01-preview shape the checks read. */
function securityContact(contact: TfResourceInput): Record<string, unknown> {
  const v = contact.values;
  const email = v.email;
  const emails = isUnknown(email)
    ? [email]
    : typeof email === "string"
      ? email
          .split(/[;,]/)
          .map((e) => e.trim())
          .filter(Boolean)
      : [];
  const toAdmins = bool(v.alerts_to_admins);
  const alerts = bool(v.alert_notifications);
  return {
    name: v.name ?? "default1",
    emails,
    isEnabled: true,
    notificationsByRole: isUnknown(toAdmins)
      ? toAdmins
      : toAdmins
        ? { state: "On", roles: ["Owner"] }
        : { state: "Off", roles: [] },
    notificationsSources: isUnknown(alerts)
      ? alerts
      : alerts
        ? [{ sourceType: "Alert", minimalSeverity: "High" }]
        : [],
  };
}

/** `action {}` blocks → `actions.actionGroups`. */
function actionGroups(value: unknown): unknown {
  const list = blocks(value);
  if (isUnknown(list)) return list;
  return {
    actionGroups: list.map((a) =>
      compact({ actionGroupId: a.action_group_id, webhookProperties: a.webhook_properties }),
    ),
  };
}

/** A role definition's assignable scopes (defaulting to its `scope`), with the attribute they came from. */
function roleScopes(role: TfResourceInput): { values: unknown[]; attribute: string } {
  const assignable = role.values.assignable_scopes;
  if (Array.isArray(assignable) && assignable.length > 0)
    return { values: assignable, attribute: "assignable_scopes" };
  if (isUnknown(assignable)) return { values: [assignable], attribute: "assignable_scopes" };
  return { values: [role.values.scope], attribute: "scope" };
}

/**
 * `azurerm_role_definition` → `customRoleDefinitions` (roleName, assignable
 * scopes, permissions). A scope naming the deployment's own subscription is
 * written as `currentScope`. A role granting `*` whose scopes are not all
 * known makes the list unknown, so it is never taken for a narrow role.
 */
function customRoles(roles: TfResourceInput[], account: string | undefined, currentScope: string): unknown {
  const out: Record<string, unknown>[] = [];
  for (const role of roles) {
    const { values, attribute } = roleScopes(role);
    const refs = role.refs[attribute] ?? [];
    const scopes = values.map((scope) => {
      if (typeof scope === "string")
        return account === undefined && SUBSCRIPTION_ID.test(scope)
          ? unknown(`${scope} is one of several subscriptions in the configuration`)
          : scope;
      const origin = unknownOrigin(scope);
      const current =
        origin === undefined ? refs.length > 0 && refs.every(isSubscriptionData) : isSubscriptionData(origin);
      return current ? currentScope : scope;
    });
    const permissions = blocks(role.values.permissions);
    if (isUnknown(permissions)) return permissions;
    const mapped = permissions.map((p) => ({
      actions: p.actions ?? [],
      notActions: p.not_actions ?? [],
      dataActions: p.data_actions ?? [],
      notDataActions: p.not_data_actions ?? [],
    }));
    const grantsAll = mapped.some(
      (p) => isUnknown(p.actions) || (Array.isArray(p.actions) && p.actions.includes("*")),
    );
    const unsure = scopes.find((s) => isUnknown(s));
    if (grantsAll && unsure !== undefined) return unsure;
    out.push({ roleName: role.values.name ?? null, assignableScopes: scopes, permissions: mapped });
  }
  return out;
}

export interface MappedSubscription {
  resource: Resource;
  members: TfResourceInput[];
}

/** The one subscription the configuration deploys to, or undefined when it declares nothing of it. */
export function mapAzureSubscription(
  byType: Map<string, TfResourceInput[]>,
  format: TfFormatName,
): MappedSubscription | undefined {
  const of = (t: string) => byType.get(t) ?? [];
  const pricings = of("azurerm_security_center_subscription_pricing");
  const contacts = of("azurerm_security_center_contact");
  const settings = of("azurerm_security_center_setting");
  const alerts = of("azurerm_monitor_activity_log_alert");
  const diagnostics = of("azurerm_monitor_diagnostic_setting").filter(
    (d) => subscriptionTarget(d, "target_resource_id") !== undefined,
  );
  const roles = of("azurerm_role_definition");
  const members = [...pricings, ...contacts, ...settings, ...alerts, ...diagnostics, ...roles].sort(
    (a, b) => a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine,
  );
  const anchor = members[0];
  if (!anchor) return undefined;

  // The subscription id, when the configuration names exactly one literally.
  const literal = new Set<string>();
  for (const d of diagnostics) {
    const target = subscriptionTarget(d, "target_resource_id");
    if (target && target !== "current") literal.add(target);
  }
  for (const alert of alerts)
    for (const scope of Array.isArray(alert.values.scopes) ? alert.values.scopes : [])
      if (typeof scope === "string") {
        const id = SUBSCRIPTION_ID.exec(scope)?.[1];
        if (id) literal.add(id);
      }
  for (const role of roles)
    for (const scope of roleScopes(role).values)
      if (typeof scope === "string") {
        const found = SUBSCRIPTION_ID.exec(scope)?.[1];
        if (found) literal.add(found);
      }
  const account = literal.size === 1 ? [...literal][0] : undefined;
  const id = `${anchor.file}#subscription`;
  // Scopes naming the deployment's own subscription are written as this resource's id, which the checks accept.
  const currentScope = account === undefined ? id : `/subscriptions/${account}`;

  const lines: Record<string, LineRange> = {};
  const line = (path: string, from: TfResourceInput[]) => {
    const own = from.find((r) => r.file === anchor.file);
    if (own && lines[path] === undefined) lines[path] = own.range;
  };
  const family = <T>(
    list: TfResourceInput[],
    what: string,
    build: () => T,
  ): T | ReturnType<typeof unknown> =>
    list.length > 0 ? build() : unknown(`the configuration declares no ${what}`);

  line("defenderPlans", pricings);
  line("securityContacts", contacts);
  line("securitySettings", settings);
  line("activityLogAlerts", alerts);
  line("activityLogDiagnosticSettings", diagnostics);
  line("customRoleDefinitions", roles);

  const properties: Record<string, unknown> = {
    defenderPlans: family(pricings, "azurerm_security_center_subscription_pricing", () => {
      const plans: Record<string, unknown> = {};
      for (const p of pricings) {
        // resource_type defaults to VirtualMachines, as in the provider.
        const plan = p.values.resource_type ?? "VirtualMachines";
        if (isUnknown(plan)) return plan;
        if (typeof plan === "string") {
          plans[plan] = { pricingTier: p.values.tier ?? null, subPlan: p.values.subplan ?? null };
          // extension blocks name the plan's components that are on; without blocks they are not declared.
          const blocks = p.values.extension;
          if (isUnknown(blocks)) (plans[plan] as Record<string, unknown>).extensions = blocks;
          else if (Array.isArray(blocks) && blocks.length > 0)
            (plans[plan] as Record<string, unknown>).extensions = blocks.map((b) => ({
              name: (b as { name?: unknown })?.name ?? null,
              isEnabled: true,
            }));
        }
      }
      return plans;
    }),
    securitySettings: family(settings, "azurerm_security_center_setting", () => {
      const out: Record<string, unknown> = {};
      for (const s of settings) {
        const name = s.values.setting_name;
        if (isUnknown(name)) return name;
        if (typeof name === "string") out[name] = { enabled: bool(s.values.enabled) };
      }
      return out;
    }),
    securityContacts: family(contacts, "azurerm_security_center_contact", () =>
      contacts.map(securityContact),
    ),
    activityLogDiagnosticSettings: family(
      diagnostics,
      "subscription-level azurerm_monitor_diagnostic_setting",
      () => diagnostics.map(diagnosticSetting),
    ),
    customRoleDefinitions: family(roles, "azurerm_role_definition", () =>
      customRoles(roles, account, currentScope),
    ),
    activityLogAlerts: family(alerts, "azurerm_monitor_activity_log_alert", () =>
      alerts.map((alert) => {
        const v = alert.values;
        const refs = alert.refs.scopes ?? [];
        const onlySubscriptionRefs = refs.length > 0 && refs.every(isSubscriptionData);
        const scopes = isUnknown(v.scopes)
          ? v.scopes
          : (Array.isArray(v.scopes) ? v.scopes : []).map((scope) => {
              // Several literal subscriptions in one scan: which one this resource stands for is not known.
              if (typeof scope === "string" && account === undefined && SUBSCRIPTION_ID.test(scope))
                return unknown(`${scope} is one of several subscriptions in the configuration`);
              if (!isUnknown(scope)) return scope;
              const origin = unknownOrigin(scope);
              const current = origin === undefined ? onlySubscriptionRefs : isSubscriptionData(origin);
              return current ? currentScope : scope;
            });
        return {
          name: v.name ?? null,
          enabled: bool(v.enabled, true),
          scopes,
          condition: condition(first(v.criteria)),
          actions: actionGroups(v.action),
        };
      }),
    ),
  };

  return {
    members,
    resource: {
      type: "azure.subscription",
      id,
      provider: "azure",
      ...(account === undefined ? {} : { account }),
      name: account ?? "subscription",
      tags: {},
      properties,
      provenance: { kind: "iac", format, file: anchor.file, range: anchor.range, properties: lines },
    },
  };
}
