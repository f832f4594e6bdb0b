import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.kms.rotation",
  title: "Customer-managed symmetric KMS keys rotate",
  description: "Automatic rotation limits how much data one key version protects (CIS AWS 4.6).",
  severity: "medium",
  resourceTypes: ["aws.kms.key"],
  remediation: "Enable automatic key rotation (`enable_key_rotation = true`, `aws kms enable-key-rotation`).",
  evaluate(resource) {
    const { keyManager, keySpec, keyState, keyRotationEnabled, aliases } = resource.properties;
    if (keyManager === "AWS")
      return notApplicable("AWS-managed keys rotate on their own", {
        path: "keyManager",
        actual: keyManager,
      });
    const awsAlias = Array.isArray(aliases)
      ? aliases.find((a) => typeof a === "string" && a.startsWith("alias/aws/"))
      : undefined;
    if (awsAlias)
      return notApplicable(`${String(awsAlias)} is an AWS-managed key`, { path: "aliases", actual: aliases });
    if (typeof keySpec === "string" && keySpec !== "SYMMETRIC_DEFAULT")
      return notApplicable(`rotation does not apply to ${keySpec} keys`, {
        path: "keySpec",
        actual: keySpec,
      });
    if (keyState === "PendingDeletion" || keyState === "Disabled")
      return notApplicable(`the key is ${keyState}`, { path: "keyState", actual: keyState });
    if (isUnknown(keyRotationEnabled))
      return notApplicable("rotation status is not known", {
        path: "keyRotationEnabled",
        actual: keyRotationEnabled,
      });
    return keyRotationEnabled === true
      ? pass("automatic rotation is enabled", { path: "keyRotationEnabled", actual: true })
      : fail("automatic rotation is disabled", {
          path: "keyRotationEnabled",
          actual: keyRotationEnabled ?? null,
          expected: true,
        });
  },
});
