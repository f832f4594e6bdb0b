import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.cross-tenant-replication-disabled",
  title: "Storage account does not allow cross-tenant object replication",
  description:
    "Cross-tenant replication can copy data to a storage account in another Entra tenant, outside the organization's control.",
  severity: "medium",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set allowCrossTenantReplication to false.",
  references: [
    "https://learn.microsoft.com/en-us/azure/storage/blobs/object-replication-prevent-cross-tenant-policies",
  ],
  fixes: {
    arm: '"allowCrossTenantReplication": false',
    terraform: "cross_tenant_replication_enabled = false",
  },
  evaluate(resource) {
    return requireReported(resource, "allowCrossTenantReplication", (v) => v === false, {
      ok: "cross-tenant replication is disallowed",
      bad: () => "cross-tenant replication is allowed",
      expected: false,
    });
  },
});
