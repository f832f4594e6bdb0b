/**
 * The live Azure source end to end: Resource Graph, the ARM calls for the
 * settings it lacks and Microsoft Graph, all through the real Azure SDK
 * pipeline against a local HTTPS server that answers like the REST reference
 * (`nextLink` paging, 429 with Retry-After, 403 AuthorizationFailed, 404).
 * The server (arm-tenant.test-helpers) answers from a directory of saved ARM
 * and Graph GET responses, and the same directory read as a snapshot must give
 * the same findings.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { evaluateResource } from "../../checks/evaluate.js";
import { builtinChecks } from "../../checks/index.generated.js";
import { CheckRegistry } from "../../checks/registry.js";
import { isUnknown, type Resource } from "../../model/index.js";
import { withLiveErrors } from "../aws/live-errors.js";
import { type ArmFault, armTenantHandler } from "./arm-tenant.test-helpers.js";
import { type Handler, type LocalHttps, startHttps, testCredential } from "./https-server.test-helpers.js";
import { scanAzureLive } from "./live.js";
import { readAzureSnapshot } from "./snapshot.js";

const testdata = join(import.meta.dirname, "testdata");
const SUB = "11111111-2222-3333-4444-555555555555";
const TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const RG = `/subscriptions/${SUB}/resourceGroups/prod-rg/providers`;
const lower = (s: string) => s.toLowerCase();

/** Lower-case paths answered with a fault instead of data. */
const faults = new Map<string, ArmFault>();
const requests: string[] = [];
/** The tenant being served: each scan loads its directory afresh. */
let handler: Handler;

let server: LocalHttps;
before(async () => {
  server = await startHttps((request) => handler(request));
});
after(() => server.close());

function scan(dir: string) {
  handler = armTenantHandler(join(testdata, dir), { faults, requests });
  requests.length = 0;
  return scanAzureLive({
    credential: testCredential,
    endpoint: server.endpoint,
    graphEndpoint: server.endpoint,
    additionalPolicies: [server.trust],
    concurrency: 3,
  });
}

async function snapshot(dir: string): Promise<Resource[]> {
  const out: Resource[] = [];
  for await (const item of readAzureSnapshot(join(testdata, dir))) {
    assert.ok(!("error" in item), JSON.stringify(item));
    if ("resource" in item) out.push(item.resource);
  }
  return out;
}

const registry = withLiveErrors(new CheckRegistry(builtinChecks));
/** "checkId resource-name" of every finding with this status, sorted. */
function findings(resources: Resource[], status: string): string[] {
  return resources
    .flatMap((r) =>
      evaluateResource(r, registry, () => [])
        .filter((f) => f.status === status)
        .map((f) => `${f.checkId} ${r.name}`),
    )
    .sort();
}
function statusOf(resources: Resource[], checkId: string, name: string): string[] {
  const resource = resources.find((r) => r.name === name);
  assert.ok(resource, `no resource ${name}`);
  return evaluateResource(resource, registry, () => [])
    .filter((f) => f.checkId === checkId)
    .map((f) => f.status);
}

/** The misconfigured tenant's failures that a snapshot and a live scan both decide, by resource name. */
const MISCONFIGURED: Record<string, string[]> = {
  [TENANT]: ["entra.security-defaults"],
  Production: [
    "defender.alert-notifications",
    "defender.apis",
    "defender.app-services",
    "defender.attack-path-notifications",
    "defender.containers",
    "defender.cosmos-db",
    "defender.key-vault",
    "defender.notify-owners",
    "defender.open-source-databases",
    "defender.resource-manager",
    "defender.security-contact-email",
    "defender.servers",
    "defender.servers-agentless-scanning",
    "defender.servers-file-integrity-monitoring",
    "defender.sql-databases",
    "defender.sql-servers-on-machines",
    "defender.storage",
    "iam.no-custom-owner-roles",
    "iam.owners-count",
    "monitor.activity-log-categories",
    "monitor.alert-policy-assignment-delete",
    "monitor.alert-policy-assignment-write",
    "monitor.alert-public-ip-delete",
    "monitor.alert-public-ip-write",
    "monitor.alert-security-solution-delete",
    "monitor.alert-security-solution-write",
    "monitor.alert-service-health",
    "monitor.alert-sql-firewall-delete",
    "monitor.alert-sql-firewall-write",
    "network.watcher-all-regions",
  ],
  "app-prod": [
    "web.ftps-only",
    "web.https-only",
    "web.managed-identity",
    "web.min-tls-12",
    "web.remote-debugging-disabled",
  ],
  "dbw-prod": [
    "databricks.no-public-ip",
    "databricks.private-endpoint",
    "databricks.public-network-disabled",
    "databricks.vnet-injection",
  ],
  "prod-kv": [
    "keyvault.diagnostic-logging",
    "keyvault.key-auto-rotation",
    "keyvault.key-auto-rotation",
    "keyvault.key-expiration",
    "keyvault.private-endpoint",
    "keyvault.public-network-disabled",
    "keyvault.purge-protection",
    "keyvault.rbac-authorization",
    "keyvault.secret-expiration",
  ],
  "prod-vnet": ["network.subnet-nsg", "network.vnet-ddos-protection"],
  prodlogs01: [
    "storage.blob-soft-delete",
    "storage.blob-versioning",
    "storage.cross-tenant-replication-disabled",
    "storage.default-entra-authorization",
    "storage.file-soft-delete",
    "storage.geo-redundant",
    "storage.https-only",
    "storage.infrastructure-encryption",
    "storage.key-rotation-reminder",
    "storage.min-tls-12",
    "storage.network-default-deny",
    "storage.no-public-blob-access",
    "storage.private-endpoint",
    "storage.public-network-disabled",
    "storage.shared-key-disabled",
    "storage.smb-channel-encryption",
    "storage.smb-protocol-version",
    "storage.trusted-services-bypass",
  ],
  "sql-prod": [
    "sql.aad-admin",
    "sql.aad-only-authentication",
    "sql.auditing-enabled",
    "sql.min-tls-12",
    "sql.no-allow-all-firewall",
    "sql.public-network-disabled",
  ],
  "web-nsg": ["network.nsg-ssh-from-internet", "network.nsg-udp-from-internet"],
  "web-nsg-flows": ["network.flow-log-traffic-analytics"],
};
const MISCONFIGURED_FAILURES = Object.entries(MISCONFIGURED)
  .flatMap(([name, checks]) => checks.map((c) => `azure.${c} ${name}`))
  .sort();

/** Decided only by a complete live listing: an empty list means "none", where a snapshot cannot say. */
const LIVE_ONLY_MISCONFIGURED = [
  "azure.databricks.diagnostic-logging dbw-prod",
  "azure.storage.delete-lock prodlogs01",
  "azure.storage.read-only-lock prodlogs01",
  "azure.defender.endpoint-protection Production",
  "azure.monitor.app-insights-configured Production",
  "azure.network.bastion-exists Production",
];

/** Failures that come from the ARM and Graph calls (Resource Graph alone leaves them unknown). */
const FROM_ARM_CALLS = [
  `azure.entra.security-defaults ${TENANT}`,
  "azure.keyvault.diagnostic-logging prod-kv",
  "azure.keyvault.key-auto-rotation prod-kv",
  "azure.keyvault.key-expiration prod-kv",
  "azure.keyvault.secret-expiration prod-kv",
  "azure.monitor.activity-log-categories Production",
  "azure.sql.auditing-enabled sql-prod",
  "azure.sql.no-allow-all-firewall sql-prod",
  "azure.storage.blob-soft-delete prodlogs01",
  "azure.storage.blob-versioning prodlogs01",
  "azure.storage.file-soft-delete prodlogs01",
  "azure.storage.smb-channel-encryption prodlogs01",
  "azure.storage.smb-protocol-version prodlogs01",
  "azure.web.ftps-only app-prod",
  "azure.web.min-tls-12 app-prod",
  "azure.web.remote-debugging-disabled app-prod",
];

describe("live Azure: ARM and Microsoft Graph calls for what Resource Graph lacks", () => {
  it("reads the misconfigured tenant's child settings and agrees with its snapshot", async () => {
    const live = await scan("live-misconfigured");
    assert.deepEqual(live.errors, []);
    assert.ok(live.resources.every((r) => r.provenance.kind === "live"));
    // nextLink paging: three keys and three server parameters, two a page.
    for (const list of [
      `${RG}/microsoft.keyvault/vaults/prod-kv/keys`,
      `${RG}/microsoft.dbforpostgresql/flexibleservers/pg-prod/configurations`,
    ])
      assert.deepEqual(
        requests.filter((r) => r.startsWith(`GET ${lower(list)}`)),
        [`GET ${lower(list)}`, `GET ${lower(list)}@2`],
      );
    const fails = findings(live.resources, "fail");
    for (const failure of FROM_ARM_CALLS) assert.ok(fails.includes(failure), failure);
    assert.deepEqual(fails, [...MISCONFIGURED_FAILURES, ...LIVE_ONLY_MISCONFIGURED].sort());
    // The same directory read as a snapshot: the same failures, less those only a complete listing decides.
    assert.deepEqual(findings(await snapshot("live-misconfigured"), "fail"), MISCONFIGURED_FAILURES);
    assert.deepEqual(findings(live.resources, "error"), []);
    // Resource Graph alone leaves every one of them unknown.
    const graphOnly = findings(await snapshot("live-misconfigured/resource-graph.json"), "fail");
    assert.deepEqual(
      FROM_ARM_CALLS.filter((f) => graphOnly.includes(f)),
      [],
    );
  });

  it("fills the same properties as a snapshot, including parameters and the Entra tenant", async () => {
    const live = await scan("live-misconfigured");
    const saved = await snapshot("live-misconfigured");
    const pick = (resources: Resource[], type: string) => {
      const found = resources.find((r) => r.type === type);
      assert.ok(found, type);
      return found.properties;
    };
    for (const type of [
      "azure.storage.account",
      "azure.keyvault.vault",
      "azure.sql.server",
      "azure.web.app",
      "azure.postgresql.flexible-server",
      "azure.databricks.workspace",
      "azure.tenant",
    ]) {
      if (type === "azure.databricks.workspace") continue; // diagnostic settings: [] live, unknown in a snapshot
      // Locks: an empty list read live is "none"; a snapshot without lock rows cannot say so.
      const { locks, ...liveRest } = pick(live.resources, type);
      const { locks: savedLocks, ...savedRest } = pick(saved, type);
      assert.deepEqual(liveRest, savedRest, type);
      if (type === "azure.storage.account") {
        assert.deepEqual(locks, []);
        assert.ok(isUnknown(savedLocks));
      }
    }
    assert.deepEqual(pick(live.resources, "azure.postgresql.flexible-server").parameters, {
      "connection_throttle.enable": "off",
      log_checkpoints: "on",
      require_secure_transport: "off",
    });
    const entra = live.resources.find((r) => r.type === "azure.tenant");
    assert.equal(entra?.id, `/tenants/${TENANT}`);
    assert.equal(entra?.properties.securityDefaultsEnabled, false);
    assert.deepEqual(entra?.properties.authorizationPolicy, {
      allowInvitesFrom: "everyone",
      guestUserRoleId: "a0b1b346-4d3e-4e8b-98f8-753987be4970",
      allowEmailVerifiedUsersToJoinOrganization: true,
      allowedToCreateApps: true,
      allowedToCreateSecurityGroups: true,
      allowedToCreateTenants: true,
    });
    assert.deepEqual(pick(live.resources, "azure.databricks.workspace").diagnosticSettings, []);
  });

  it("passes every check on the hardened tenant, live and as a snapshot", async () => {
    const live = await scan("live-hardened");
    assert.deepEqual(live.errors, []);
    assert.deepEqual(findings(live.resources, "fail"), []);
    assert.deepEqual(findings(live.resources, "error"), []);
    assert.deepEqual(findings(await snapshot("live-hardened"), "fail"), []);
    for (const failure of FROM_ARM_CALLS) {
      const [checkId, name] = failure.split(" ") as [string, string];
      assert.deepEqual(statusOf(live.resources, checkId, name), ["pass"], failure);
    }
    assert.deepEqual(statusOf(live.resources, "azure.databricks.diagnostic-logging", "dbw-prod"), ["pass"]);
    assert.deepEqual(
      statusOf(live.resources, "azure.network.flow-log-traffic-analytics", "prod-vnet-flows"),
      ["pass"],
    );
    // Management locks come from the subscription's lock list (a ReadOnly lock also blocks deletion).
    const saved = await snapshot("live-hardened");
    for (const check of ["azure.storage.delete-lock", "azure.storage.read-only-lock"]) {
      assert.deepEqual(statusOf(live.resources, check, "prodlogs01"), ["pass"], check);
      assert.deepEqual(statusOf(saved, check, "prodlogs01"), ["pass"], check);
    }
    // Defender for Servers components come from the pricing's extensions in Resource Graph.
    for (const component of ["servers-agentless-scanning", "servers-file-integrity-monitoring"])
      assert.deepEqual(statusOf(live.resources, `azure.defender.${component}`, "Production"), ["pass"]);
  });

  it("retries a 429, and turns a 403 on one resource's call into error findings on that resource only", async () => {
    const file = `${RG}/microsoft.storage/storageaccounts/prodlogs01/fileservices/default`;
    const audit = `${RG}/microsoft.sql/servers/sql-prod/auditingsettings/default`;
    faults.clear();
    faults.set(lower(`${RG}/Microsoft.Sql/servers/sql-prod/firewallRules`), "429-once");
    faults.set(lower(file), "403");
    faults.set(lower(`${RG}/Microsoft.Sql/servers/sql-prod/administrators`), "403");
    faults.set(lower(audit), "404");
    faults.set("/v1.0/policies/identitysecuritydefaultsenforcementpolicy", "403");
    faults.set(lower(`${RG}/Microsoft.KeyVault/vaults/prod-kv/keys`), "foreign-next");
    try {
      const live = await scan("live-misconfigured");
      assert.equal(requests.filter((r) => r.endsWith("/sql-prod/firewallrules")).length, 2, "retried once");
      assert.deepEqual(live.errors, [
        `GET ${RG}/Microsoft.KeyVault/vaults/prod-kv/keys failed: BadNextLink (${RG}/Microsoft.KeyVault/vaults/prod-kv/keys?api-version=2023-07-01: nextLink points to another host (https://elsewhere.example))`,
        `GET ${RG}/Microsoft.Sql/servers/sql-prod/administrators failed: 403 AuthorizationFailed (The client does not have authorization to perform action)`,
        `GET ${RG}/Microsoft.Storage/storageAccounts/prodlogs01/fileServices/default failed: 403 AuthorizationFailed (The client does not have authorization to perform action)`,
        "Microsoft Graph GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy failed: 403 Authorization_RequestDenied (The client does not have authorization to perform action)",
      ]);
      assert.deepEqual(findings(live.resources, "error"), [
        `azure.entra.security-defaults ${TENANT}`,
        "azure.keyvault.key-auto-rotation prod-kv",
        "azure.keyvault.key-expiration prod-kv",
        "azure.sql.aad-admin sql-prod",
        "azure.sql.aad-only-authentication sql-prod",
        "azure.storage.file-soft-delete prodlogs01",
        "azure.storage.smb-channel-encryption prodlogs01",
        "azure.storage.smb-protocol-version prodlogs01",
      ]);
      // The rest of the account and the server are still evaluated; a 404 is unknown, not an error.
      assert.deepEqual(statusOf(live.resources, "azure.storage.blob-soft-delete", "prodlogs01"), ["fail"]);
      assert.deepEqual(statusOf(live.resources, "azure.sql.no-allow-all-firewall", "sql-prod"), ["fail"]);
      assert.deepEqual(statusOf(live.resources, "azure.sql.auditing-enabled", "sql-prod"), [
        "not_applicable",
      ]);
      const entra = live.resources.find((r) => r.type === "azure.tenant");
      assert.deepEqual(entra?.properties.securityDefaultsEnabled, {
        $unknown: true,
        error: "Authorization_RequestDenied",
        reason:
          "Microsoft Graph GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy failed: 403 Authorization_RequestDenied (The client does not have authorization to perform action)",
      });
    } finally {
      faults.clear();
    }
  });

  it("turns a refused lock list into error findings on the lock checks", async () => {
    const sub = RG.slice(0, RG.indexOf("/resourceGroups/"));
    faults.clear();
    faults.set(lower(`${sub}/providers/Microsoft.Authorization/locks`), "403");
    try {
      const live = await scan("live-hardened");
      assert.deepEqual(live.errors, [
        `GET ${sub}/providers/Microsoft.Authorization/locks failed: 403 AuthorizationFailed (The client does not have authorization to perform action)`,
      ]);
      assert.deepEqual(findings(live.resources, "error"), [
        "azure.storage.delete-lock prodlogs01",
        "azure.storage.read-only-lock prodlogs01",
      ]);
    } finally {
      faults.clear();
    }
  });
});
