/** azurerm subscription-level resources → azure.subscription, compared with the snapshot normalizer's shape. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { isUnknown, type Resource } from "../../../../model/index.js";
import { normalizeArm } from "../../../azure/normalize.js";
import { format } from "../index.js";

const tmp = mkdtempSync(join(tmpdir(), "mamori-tf-azure-sub-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function load(name: string, text: string): Promise<Resource[]> {
  const file = join(tmp, name);
  writeFileSync(file, text);
  const result = await format.load([file], {});
  assert.deepEqual([...result.errors], []);
  return result.resources;
}

const SUB = "00000000-0000-0000-0000-000000000000";

const CONFIG = `data "azurerm_subscription" "current" {}

resource "azurerm_security_center_subscription_pricing" "vms" {
  tier          = "Standard"
  resource_type = "VirtualMachines"
  subplan       = "P2"
}

resource "azurerm_security_center_subscription_pricing" "storage" {
  tier          = "Free"
  resource_type = "StorageAccounts"
}

resource "azurerm_security_center_contact" "main" {
  name                = "default1"
  email               = "sec@example.com"
  alert_notifications = true
  alerts_to_admins    = false
}

resource "azurerm_monitor_activity_log_alert" "nsg" {
  name                = "nsg-write"
  resource_group_name = "monitoring"
  location            = "global"
  scopes              = ["/subscriptions/${SUB}"]
  criteria {
    category       = "Administrative"
    operation_name = "Microsoft.Network/networkSecurityGroups/write"
    levels         = ["Error", "Critical"]
  }
  action {
    action_group_id = "/subscriptions/${SUB}/resourceGroups/monitoring/providers/microsoft.insights/actionGroups/secops"
  }
}

resource "azurerm_monitor_diagnostic_setting" "activity" {
  name                       = "activity-log"
  target_resource_id         = "/subscriptions/${SUB}"
  log_analytics_workspace_id = "/subscriptions/${SUB}/resourceGroups/monitoring/providers/Microsoft.OperationalInsights/workspaces/w"
  enabled_log {
    category = "Administrative"
  }
  log {
    category = "Security"
    enabled  = false
  }
}
`;

/** The same subscription as Resource Graph rows, as the live/snapshot source reads them. */
const ROWS = [
  {
    id: `/subscriptions/${SUB}/providers/Microsoft.Security/pricings/VirtualMachines`,
    type: "Microsoft.Security/pricings",
    name: "VirtualMachines",
    properties: { pricingTier: "Standard", subPlan: "P2" },
  },
  {
    id: `/subscriptions/${SUB}/providers/Microsoft.Security/pricings/StorageAccounts`,
    type: "Microsoft.Security/pricings",
    name: "StorageAccounts",
    properties: { pricingTier: "Free" },
  },
  {
    id: `/subscriptions/${SUB}/providers/Microsoft.Security/securityContacts/default1`,
    type: "Microsoft.Security/securityContacts",
    name: "default1",
    properties: {
      emails: "sec@example.com",
      alertNotifications: { state: "On" },
      notificationsByRole: { state: "Off", roles: [] },
    },
  },
  {
    id: `/subscriptions/${SUB}/resourceGroups/monitoring/providers/microsoft.insights/activityLogAlerts/nsg-write`,
    type: "microsoft.insights/activityLogAlerts",
    name: "nsg-write",
    properties: {
      enabled: true,
      scopes: [`/subscriptions/${SUB}`],
      condition: {
        allOf: [
          { field: "category", equals: "Administrative" },
          { field: "operationName", equals: "Microsoft.Network/networkSecurityGroups/write" },
          {
            anyOf: [
              { field: "level", equals: "Error" },
              { field: "level", equals: "Critical" },
            ],
          },
        ],
      },
      actions: {
        actionGroups: [
          {
            actionGroupId: `/subscriptions/${SUB}/resourceGroups/monitoring/providers/microsoft.insights/actionGroups/secops`,
          },
        ],
      },
    },
  },
  {
    id: `/subscriptions/${SUB}/providers/microsoft.insights/diagnosticSettings/activity-log`,
    type: "microsoft.insights/diagnosticSettings",
    name: "activity-log",
    properties: {
      workspaceId: `/subscriptions/${SUB}/resourceGroups/monitoring/providers/Microsoft.OperationalInsights/workspaces/w`,
      logs: [
        { category: "Administrative", enabled: true },
        { category: "Security", enabled: false },
      ],
    },
  },
];

const FAMILIES = [
  "defenderPlans",
  "securityContacts",
  "activityLogAlerts",
  "activityLogDiagnosticSettings",
] as const;

describe("azure.subscription from Terraform", () => {
  it("fills the families it declares exactly as the snapshot normalizer does", async () => {
    const resources = await load("sub.tf", CONFIG);
    const subscription = resources.find((r) => r.type === "azure.subscription");
    assert.ok(subscription);
    assert.equal(subscription.account, SUB);
    assert.equal(subscription.id, `${join(tmp, "sub.tf")}#subscription`);
    const [live] = normalizeArm(ROWS, { kind: "snapshot", file: "rows.json" }).filter(
      (r) => r.type === "azure.subscription",
    );
    assert.ok(live);
    for (const family of FAMILIES)
      assert.deepEqual(subscription.properties[family], live.properties[family], family);
    assert.ok(isUnknown(subscription.properties.securitySettings), "undeclared family is unknown");
    assert.equal(subscription.properties.roleAssignments, undefined);
  });

  it("writes a scope naming the current subscription as the resource's own id", async () => {
    const resources = await load(
      "current.tf",
      `data "azurerm_subscription" "current" {}

resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "westeurope"
}

resource "azurerm_monitor_activity_log_alert" "a" {
  name                = "a"
  resource_group_name = "rg"
  location            = "global"
  scopes              = [data.azurerm_subscription.current.id, azurerm_resource_group.rg.id]
  criteria {
    category = "ServiceHealth"
  }
}
`,
    );
    const subscription = resources.find((r) => r.type === "azure.subscription");
    assert.ok(subscription);
    assert.equal(subscription.account, undefined);
    const [alert] = subscription.properties.activityLogAlerts as { scopes: unknown[] }[];
    assert.equal(alert?.scopes[0], subscription.id);
    assert.ok(isUnknown(alert?.scopes[1]), "a resource group scope stays unknown");
    assert.ok(isUnknown(subscription.properties.defenderPlans));
  });

  it("joins a diagnostic setting to its Key Vault, and makes no subscription for it", async () => {
    const resources = await load(
      "kv.tf",
      `resource "azurerm_key_vault" "kv" {
  name                = "kv1"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "t"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name               = "kv-audit"
  target_resource_id = azurerm_key_vault.kv.id
  storage_account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs"
  enabled_log {
    category_group = "audit"
  }
}
`,
    );
    assert.deepEqual(
      resources.map((r) => r.type),
      ["azure.keyvault.vault"],
    );
    assert.deepEqual(resources[0]?.properties.diagnosticSettings, [
      {
        name: "kv-audit",
        logs: [{ categoryGroup: "audit", enabled: true }],
        workspaceId: null,
        storageAccountId:
          "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs",
        eventHubAuthorizationRuleId: null,
      },
    ]);
  });
});
