import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.storage.no-public-blob-access",
  title: "Storage account forbids anonymous public access to blobs",
  description:
    "When public blob access is allowed, any container can be made readable by anyone on the internet without credentials.",
  severity: "high",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set allowBlobPublicAccess to false.",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/security-recommendations"],
  fixes: {
    arm: '"allowBlobPublicAccess": false',
    terraform: "allow_nested_items_to_be_public = false",
  },
  evaluate(resource) {
    return requireSetting(resource, "allowBlobPublicAccess", (v) => v === false, {
      ok: "anonymous blob access is disallowed",
      bad: (value) => `anonymous blob access is ${describe(value)}`,
      expected: false,
    });
  },
});
