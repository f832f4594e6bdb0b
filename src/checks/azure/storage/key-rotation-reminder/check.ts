import { defineCheck } from "../../../check.js";
import { requireReported } from "../../live/reported.js";

export default defineCheck({
  id: "azure.storage.key-rotation-reminder",
  title: "Storage account has an access key rotation reminder",
  description:
    "A key expiration policy (keyPolicy.keyExpirationPeriodInDays) reminds owners to rotate the account keys.",
  severity: "low",
  resourceTypes: ["azure.storage.account"],
  remediation: "Set keyPolicy.keyExpirationPeriodInDays (90 is the CIS suggestion).",
  references: ["https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage"],
  evaluate(resource) {
    return requireReported(
      resource,
      "keyPolicy",
      (v) =>
        typeof (v as { keyExpirationPeriodInDays?: unknown } | null)?.keyExpirationPeriodInDays === "number",
      {
        ok: "a key expiration policy is set",
        bad: () => "no key expiration policy is set",
        expected: { keyExpirationPeriodInDays: 90 },
      },
    );
  },
});
