/** azurerm_* resources → canonical Azure types, through the real HCL loader. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { isUnknown, type Resource } from "../../../../model/index.js";
import { format } from "../index.js";

const tmp = mkdtempSync(join(tmpdir(), "mamori-tf-azure-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function load(name: string, text: string): Promise<Resource[]> {
  const file = join(tmp, name);
  writeFileSync(file, text);
  const result = await format.load([file], {});
  assert.deepEqual([...result.errors], []);
  return result.resources;
}

describe("azurerm storage account", () => {
  it("takes the provider's defaults when attributes are left out", async () => {
    const [account] = await load(
      "defaults.tf",
      `resource "azurerm_storage_account" "a" {
  name                     = "plain01"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
`,
    );
    assert.ok(account);
    assert.equal(account.provider, "azure");
    assert.equal(account.id, `${join(tmp, "defaults.tf")}#azurerm_storage_account.a`);
    assert.deepEqual(account.properties, {
      kind: "StorageV2",
      sku: "Standard_LRS",
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: true,
      allowSharedKeyAccess: true,
      publicNetworkAccess: "Enabled",
      networkAcls: { defaultAction: "Allow", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
      encryption: { keySource: "Microsoft.Storage", requireInfrastructureEncryption: false },
      allowCrossTenantReplication: {
        $unknown: true,
        reason: "cross_tenant_replication_enabled is not set and its default differs between azurerm 3 and 4",
      },
      defaultToOAuthAuthentication: false,
      locks: {
        $unknown: true,
        reason:
          "no management lock applies here and the resource group is not declared in the configuration; a lock on it or on the subscription may be made elsewhere",
      },
    });
  });

  it("joins locks by scope, private endpoints, and the file service settings", async () => {
    const resources = await load(
      "locks.tf",
      `resource "azurerm_resource_group" "rg" {
  name     = "rg-data"
  location = "westeurope"
}
resource "azurerm_storage_account" "a" {
  name                     = "locked01"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  share_properties {
    smb {
      versions = ["SMB3.1.1"]
    }
  }
}
resource "azurerm_storage_account" "other" {
  name                     = "other01"
  resource_group_name      = "rg-other"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_management_lock" "rg" {
  name       = "rg-keep"
  scope      = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data"
  lock_level = "CanNotDelete"
}
resource "azurerm_private_endpoint" "manual" {
  name                = "pe-manual"
  location            = "westeurope"
  resource_group_name = "rg-data"
  subnet_id           = "/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.a.id
    is_manual_connection           = true
  }
}
`,
    );
    const locked = resources.find((r) => r.name === "locked01");
    const other = resources.find((r) => r.name === "other01");
    assert.deepEqual(locked?.properties.locks, [
      {
        name: "rg-keep",
        level: "CanNotDelete",
        scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data",
      },
    ]);
    assert.ok(isUnknown(other?.properties.locks));
    // Only a manual connection here: whether an approved one exists is not known.
    assert.equal(locked?.properties.privateEndpointConnections, undefined);
    assert.deepEqual(locked?.properties.fileServiceProperties, {
      shareDeleteRetentionPolicy: { enabled: false },
      protocolSettings: { smb: { versions: "SMB3.1.1;", channelEncryption: null } },
    });
    assert.equal(other?.properties.fileServiceProperties, undefined);
  });

  it("reads v3 spellings, network rules and a customer-managed key, with lines", async () => {
    const [account] = await load(
      "v3.tf",
      `resource "azurerm_storage_account" "a" {
  name                      = "legacy01"
  resource_group_name       = "rg"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "GRS"
  enable_https_traffic_only = false

  network_rules {
    default_action             = "Deny"
    bypass                     = ["Logging", "Metrics"]
    ip_rules                   = ["203.0.113.10"]
    virtual_network_subnet_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a"]
  }

  customer_managed_key {
    key_vault_key_id          = "https://kv.vault.azure.net/keys/k"
    user_assigned_identity_id = "/subscriptions/s/id"
  }
}
`,
    );
    assert.ok(account);
    assert.equal(account.properties.supportsHttpsTrafficOnly, false);
    assert.deepEqual(account.properties.networkAcls, {
      defaultAction: "Deny",
      bypass: "Logging, Metrics",
      ipRules: [{ value: "203.0.113.10", action: "Allow" }],
      virtualNetworkRules: [
        {
          id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a",
          action: "Allow",
        },
      ],
    });
    assert.equal((account.properties.encryption as { keySource: string }).keySource, "Microsoft.Keyvault");
    assert.equal(
      account.provenance.kind === "iac" && account.provenance.properties?.supportsHttpsTrafficOnly?.startLine,
      7,
    );
    assert.equal(
      account.provenance.kind === "iac" &&
        account.provenance.properties?.["networkAcls.defaultAction"]?.startLine,
      10,
    );
  });
});

describe("azurerm network security group", () => {
  it("joins separate rules by reference and by literal name, in ARM's flat shape", async () => {
    const resources = await load(
      "nsg.tf",
      `resource "azurerm_network_security_group" "a" {
  name                = "nsg-a"
  location            = "westeurope"
  resource_group_name = "rg"

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["22", "2222"]
    source_address_prefix      = "10.0.0.0/8"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_group" "b" {
  name                = "nsg-b"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_network_security_rule" "by_ref" {
  name                        = "https"
  priority                    = 200
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefixes     = ["203.0.113.0/24"]
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = azurerm_network_security_group.a.name
}

resource "azurerm_network_security_rule" "by_name" {
  name                        = "deny-all"
  priority                    = 4096
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg-b"
}
`,
    );
    const byName = new Map(resources.map((r) => [r.name, r]));
    assert.deepEqual(byName.get("nsg-a")?.properties.securityRules, [
      {
        name: "ssh",
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        priority: 100,
        sourceAddressPrefixes: ["10.0.0.0/8"],
        sourcePortRanges: ["*"],
        destinationAddressPrefixes: ["*"],
        destinationPortRanges: ["22", "2222"],
      },
      {
        name: "https",
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        priority: 200,
        sourceAddressPrefixes: ["203.0.113.0/24"],
        sourcePortRanges: ["*"],
        destinationAddressPrefixes: ["*"],
        destinationPortRanges: ["443"],
      },
    ]);
    const b = byName.get("nsg-b");
    assert.ok(b);
    assert.deepEqual(
      (b.properties.securityRules as { name: string }[]).map((r) => r.name),
      ["deny-all"],
    );
    // The separate rule's own block is where a finding on it points.
    assert.equal(b.provenance.kind === "iac" && b.provenance.properties?.["securityRules[0]"]?.startLine, 39);
  });
});

describe("azurerm sql server, AKS and web app", () => {
  it("map companions, version spellings and absent blocks", async () => {
    const resources = await load(
      "mixed.tf",
      `resource "azurerm_mssql_server" "s" {
  name                = "sql-1"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = "Disabled"
}

resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "AllowAzure"
  server_id        = azurerm_mssql_server.s.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_kubernetes_cluster" "k" {
  name                = "aks-1"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks1"

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }
}

resource "azurerm_windows_web_app" "w" {
  name                = "web-1"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/plan"

  site_config {}

  identity {
    type = "UserAssigned"
  }
}
`,
    );
    const byType = new Map(resources.map((r) => [r.type, r]));
    const sql = byType.get("azure.sql.server")?.properties;
    assert.equal(sql?.minimalTlsVersion, "None");
    assert.equal(sql?.administrators, null);
    assert.deepEqual(sql?.auditing, { state: "Disabled" });
    assert.deepEqual(sql?.firewallRules, [
      { name: "AllowAzure", startIpAddress: "0.0.0.0", endIpAddress: "0.0.0.0" },
    ]);
    assert.deepEqual(byType.get("azure.aks.cluster")?.properties, {
      kubernetesVersion: null,
      enableRBAC: true,
      disableLocalAccounts: false,
      aadProfile: null,
      apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ["203.0.113.0/24"] },
      networkProfile: { networkPlugin: "kubenet", networkPolicy: null },
    });
    assert.deepEqual(byType.get("azure.web.app")?.properties, {
      kind: "app",
      httpsOnly: false,
      siteConfig: {
        minTlsVersion: "1.2",
        ftpsState: "Disabled",
        http20Enabled: false,
        remoteDebuggingEnabled: false,
      },
      identity: { type: "UserAssigned" },
    });
  });
});
