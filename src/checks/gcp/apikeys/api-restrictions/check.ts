import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.apikeys.api-restrictions",
  title: "API key may call only the APIs its application needs",
  description:
    "An API key without API restrictions, or restricted to all of cloudapis.googleapis.com, can call every enabled API of the project.",
  severity: "medium",
  resourceTypes: ["gcp.apikeys.key"],
  remediation:
    "Restrict the key to the services the application uses (gcloud services api-keys update --api-target=service=...).",
  references: ["https://cloud.google.com/docs/authentication/api-keys#api_key_restrictions"],
  evaluate(resource) {
    const value = getPath(resource.properties, "restrictions");
    if (isUnknown(value))
      return notApplicable("restrictions is not known", { path: "restrictions", actual: value });
    const targets = (value as { apiTargets?: { service?: unknown }[] } | null)?.apiTargets;
    const list = Array.isArray(targets) ? targets : [];
    if (list.length > 0 && !list.some((t) => t?.service === "cloudapis.googleapis.com"))
      return pass(`the key may call ${list.map((t) => String(t.service)).join(", ")}`, {
        path: "restrictions.apiTargets",
        actual: list,
      });
    return fail(
      list.length === 0 ? "the key may call every API" : "the key may call all of cloudapis.googleapis.com",
      {
        path: "restrictions.apiTargets",
        actual: list,
        expected: "the services the application needs",
      },
    );
  },
});
