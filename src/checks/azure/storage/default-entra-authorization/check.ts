import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.default-entra-authorization",
  title: "Storage account defaults to Microsoft Entra authorization in the portal",
  description:
    "Defaulting the portal to Entra ID authorization avoids handing out the account key for everyday data access.",
  severity: "low",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set defaultToOAuthAuthentication to true.",
  references: ["https://learn.microsoft.com/en-us/azure/storage/blobs/authorize-data-operations-portal"],
  fixes: {
    arm: '"defaultToOAuthAuthentication": true',
    terraform: "default_to_oauth_authentication = true",
  },
  evaluate(resource) {
    return requireReported(resource, "defaultToOAuthAuthentication", (v) => v === true, {
      ok: "the portal defaults to Microsoft Entra authorization",
      bad: () => "the portal defaults to the account key",
      expected: true,
    });
  },
});
