/**
 * azure.subscription from the subscription-level resources of an ARM
 * template: `Microsoft.Security/pricings`, `/securityContacts`, `/settings`,
 * `Microsoft.Insights/activityLogAlerts`, `Microsoft.Authorization/roleDefinitions`
 * and, in a subscription deployment
 * template, `Microsoft.Insights/diagnosticSettings` without a `scope`. The
 * shapes are the snapshot normalizer's (src/sources/azure/normalize.ts); a
 * family the template does not declare is unknown, since the subscription may
 * be configured elsewhere.
 */
import { isUnknown, type LineRange, type Resource, unknown } from "../../../model/index.js";
import { pricingExtensions, securityContact } from "../../azure/normalize.js";
import { type LocatedDocument, rangeOf } from "../cloudformation/located.js";
import type { ArmResource } from "./template.js";

const SUBSCRIPTION_ID = /^\/subscriptions\/([^/]+)\/?$/i;
/** How the expression evaluator marks `subscription().id`: the deployment's own subscription. */
const CURRENT_SUBSCRIPTION = "subscription().id is known at deployment";

const isCurrent = (value: unknown) =>
  isUnknown(value) && (value as { reason?: unknown }).reason === CURRENT_SUBSCRIPTION;

const typeIs = (r: ArmResource, type: string) => r.type.toLowerCase() === type.toLowerCase();
const props = (r: ArmResource) => {
  const p = r.body.properties;
  return typeof p === "object" && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
};
/** The last segment of a child's name (`default/VirtualMachines` → `VirtualMachines`). */
const leaf = (r: ArmResource) => (typeof r.name === "string" ? r.name.split("/").pop() : r.name);

export function armSubscription(
  all: ArmResource[],
  doc: LocatedDocument,
  file: string,
): Resource | undefined {
  const schema = String((doc.value as { $schema?: unknown })?.$schema ?? "");
  const subscriptionTemplate = /subscriptionDeploymentTemplate/i.test(schema);
  const pricings = all.filter((r) => typeIs(r, "Microsoft.Security/pricings"));
  const contacts = all.filter((r) => typeIs(r, "Microsoft.Security/securityContacts"));
  const settings = all.filter((r) => typeIs(r, "Microsoft.Security/settings"));
  const alerts = all.filter((r) => typeIs(r, "Microsoft.Insights/activityLogAlerts"));
  const diagnostics = all.filter(
    (r) =>
      typeIs(r, "Microsoft.Insights/diagnosticSettings") &&
      subscriptionTemplate &&
      (r.body.scope === undefined || isCurrent(r.body.scope)),
  );
  const roles = all.filter((r) => typeIs(r, "Microsoft.Authorization/roleDefinitions"));
  const members = [...pricings, ...contacts, ...settings, ...alerts, ...diagnostics, ...roles];
  if (members.length === 0) return undefined;
  const range = (r: ArmResource) => rangeOf(doc, r.path) ?? { startLine: 1, endLine: 1 };
  const anchor = members.sort((a, b) => range(a).startLine - range(b).startLine)[0] as ArmResource;

  const literal = new Set<string>();
  for (const alert of alerts) {
    const scopes = props(alert).scopes;
    for (const scope of Array.isArray(scopes) ? scopes : [])
      if (typeof scope === "string") {
        const id = SUBSCRIPTION_ID.exec(scope)?.[1];
        if (id) literal.add(id);
      }
  }
  for (const role of roles) {
    const scopes = props(role).assignableScopes;
    for (const scope of Array.isArray(scopes) ? scopes : [])
      if (typeof scope === "string") {
        const found = SUBSCRIPTION_ID.exec(scope)?.[1];
        if (found) literal.add(found);
      }
  }
  const account = literal.size === 1 ? [...literal][0] : undefined;
  const id = `${file}#subscription`;
  const currentScope = account === undefined ? id : `/subscriptions/${account}`;

  const lines: Record<string, LineRange> = {};
  const family = <T>(path: string, list: ArmResource[], what: string, build: () => T) => {
    const first = list[0];
    if (!first) return unknown(`the template declares no ${what}`);
    lines[path] = range(first);
    return build();
  };

  const properties: Record<string, unknown> = {
    defenderPlans: family("defenderPlans", pricings, "Microsoft.Security/pricings", () => {
      const plans: Record<string, unknown> = {};
      for (const p of pricings) {
        const name = leaf(p);
        if (isUnknown(name)) return name;
        if (typeof name === "string") {
          plans[name] = { pricingTier: props(p).pricingTier ?? null, subPlan: props(p).subPlan ?? null };
          const extensions = pricingExtensions(props(p).extensions);
          if (extensions !== undefined) (plans[name] as Record<string, unknown>).extensions = extensions;
        }
      }
      return plans;
    }),
    securitySettings: family("securitySettings", settings, "Microsoft.Security/settings", () => {
      const out: Record<string, unknown> = {};
      for (const s of settings) {
        const name = leaf(s);
        if (isUnknown(name)) return name;
        if (typeof name === "string") out[name] = { enabled: props(s).enabled ?? false };
      }
      return out;
    }),
    securityContacts: family("securityContacts", contacts, "Microsoft.Security/securityContacts", () =>
      contacts.map((c) =>
        securityContact({ id: "", type: c.type, name: String(leaf(c) ?? ""), properties: props(c) }),
      ),
    ),
    activityLogDiagnosticSettings: family(
      "activityLogDiagnosticSettings",
      diagnostics,
      "subscription diagnostic settings",
      () =>
        diagnostics.map((d) => ({
          name: leaf(d) ?? null,
          logs: props(d).logs ?? [],
          workspaceId: props(d).workspaceId ?? null,
          storageAccountId: props(d).storageAccountId ?? null,
          eventHubAuthorizationRuleId: props(d).eventHubAuthorizationRuleId ?? null,
        })),
    ),
    customRoleDefinitions: family(
      "customRoleDefinitions",
      roles,
      "Microsoft.Authorization/roleDefinitions",
      (): unknown => {
        const out: Record<string, unknown>[] = [];
        for (const role of roles) {
          const p = props(role);
          const scopes = (Array.isArray(p.assignableScopes) ? p.assignableScopes : []).map((s) =>
            isCurrent(s)
              ? currentScope
              : typeof s === "string" && account === undefined && SUBSCRIPTION_ID.test(s)
                ? unknown(`${s} is one of several subscriptions in the template`)
                : s,
          );
          const permissions = Array.isArray(p.permissions)
            ? (p.permissions as Record<string, unknown>[])
            : [];
          // A role granting `*` at a scope that is not known is never taken for a narrow one.
          const grantsAll = permissions.some(
            (x) => isUnknown(x?.actions) || (Array.isArray(x?.actions) && x.actions.includes("*")),
          );
          const unsure = scopes.find((s) => isUnknown(s));
          if (grantsAll && unsure !== undefined) return unsure;
          out.push({ roleName: p.roleName ?? null, assignableScopes: scopes, permissions });
        }
        return out;
      },
    ),
    activityLogAlerts: family("activityLogAlerts", alerts, "Microsoft.Insights/activityLogAlerts", () =>
      alerts.map((a) => {
        const p = props(a);
        const scopes = Array.isArray(p.scopes)
          ? p.scopes.map((s) =>
              isCurrent(s)
                ? currentScope
                : typeof s === "string" && account === undefined && SUBSCRIPTION_ID.test(s)
                  ? unknown(`${s} is one of several subscriptions in the template`)
                  : s,
            )
          : (p.scopes ?? []);
        return {
          name: leaf(a) ?? null,
          enabled: p.enabled ?? true,
          scopes,
          condition: p.condition ?? { allOf: [] },
          actions: p.actions ?? { actionGroups: [] },
        };
      }),
    ),
  };
  return {
    type: "azure.subscription",
    id,
    provider: "azure",
    ...(account === undefined ? {} : { account }),
    name: account ?? "subscription",
    tags: {},
    properties,
    provenance: { kind: "iac", format: "arm", file, range: range(anchor), properties: lines },
  };
}
