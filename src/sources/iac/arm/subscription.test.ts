/** Subscription-level resources of an ARM template → azure.subscription. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { isUnknown, type Resource } from "../../../model/index.js";
import { format } from "./index.js";

const tmp = mkdtempSync(join(tmpdir(), "mamori-arm-sub-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function load(name: string, doc: unknown): Promise<Resource[]> {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const result = await format.load([file], {});
  assert.deepEqual([...result.errors], []);
  return result.resources;
}

describe("azure.subscription from an ARM template", () => {
  it("maps pricings, contacts, alerts and subscription diagnostic settings", async () => {
    const resources = await load("sub.json", {
      $schema: "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { tier: { type: "string" } },
      resources: [
        {
          type: "Microsoft.Security/pricings",
          apiVersion: "2023-01-01",
          name: "VirtualMachines",
          properties: { pricingTier: "Standard", subPlan: "P1" },
        },
        {
          type: "Microsoft.Security/pricings",
          apiVersion: "2023-01-01",
          name: "KeyVaults",
          properties: { pricingTier: "[parameters('tier')]" },
        },
        {
          type: "Microsoft.Security/securityContacts",
          apiVersion: "2020-01-01-preview",
          name: "default",
          properties: { emails: "a@example.com; b@example.com", alertNotifications: { state: "On" } },
        },
        {
          type: "Microsoft.Insights/activityLogAlerts",
          apiVersion: "2020-10-01",
          name: "nsg",
          location: "global",
          properties: {
            scopes: ["[subscription().id]"],
            condition: { allOf: [{ field: "category", equals: "Administrative" }] },
          },
        },
        {
          type: "Microsoft.Insights/diagnosticSettings",
          apiVersion: "2021-05-01-preview",
          name: "activity",
          properties: { storageAccountId: "sa", logs: [{ category: "Policy", enabled: true }] },
        },
      ],
    });
    const sub = resources.find((r) => r.type === "azure.subscription");
    assert.ok(sub);
    const plans = sub.properties.defenderPlans as Record<string, { pricingTier: unknown; subPlan: unknown }>;
    assert.deepEqual(plans.VirtualMachines, { pricingTier: "Standard", subPlan: "P1" });
    assert.ok(isUnknown(plans.KeyVaults?.pricingTier));
    assert.deepEqual(sub.properties.securityContacts, [
      {
        name: "default",
        emails: ["a@example.com", "b@example.com"],
        isEnabled: true,
        notificationsByRole: { state: "Off", roles: [] },
        notificationsSources: [{ sourceType: "Alert", minimalSeverity: "High" }],
      },
    ]);
    const [alert] = sub.properties.activityLogAlerts as { scopes: unknown[]; enabled: unknown }[];
    assert.deepEqual(alert?.scopes, [sub.id]);
    assert.equal(alert?.enabled, true);
    assert.deepEqual(sub.properties.activityLogDiagnosticSettings, [
      {
        name: "activity",
        logs: [{ category: "Policy", enabled: true }],
        workspaceId: null,
        storageAccountId: "sa",
        eventHubAuthorizationRuleId: null,
      },
    ]);
    assert.ok(isUnknown(sub.properties.securitySettings));
  });

  it("makes no subscription from a template without subscription-level resources", async () => {
    const resources = await load("rg.json", {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      resources: [
        {
          type: "Microsoft.Insights/diagnosticSettings",
          apiVersion: "2021-05-01-preview",
          name: "vault-logs",
          scope: "Microsoft.KeyVault/vaults/kv1",
          properties: { logs: [] },
        },
      ],
    });
    assert.deepEqual(resources, []);
  });
});
