import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.iam.no-user-managed-service-account-keys",
  title: "Service account key is managed by Google, not downloaded",
  description:
    "A user-managed key is a long-lived credential that can leak from laptops, repositories and CI logs; workload identity and attached service accounts need none.",
  severity: "medium",
  resourceTypes: ["gcp.iam.service-account-key"],
  remediation:
    "Delete user-managed keys; use attached service accounts, workload identity federation or short-lived credentials.",
  references: ["https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys"],
  evaluate(resource) {
    const type = getPath(resource.properties, "keyType");
    return type === "USER_MANAGED"
      ? fail("the key is user-managed", { path: "keyType", actual: type, expected: "SYSTEM_MANAGED" })
      : pass("the key is managed by Google", { path: "keyType", actual: type ?? null });
  },
});
