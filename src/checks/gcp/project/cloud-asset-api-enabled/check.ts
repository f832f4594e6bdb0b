import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.project.cloud-asset-api-enabled",
  title: "Project enables the Cloud Asset API",
  description:
    "The Cloud Asset API gives searchable, exportable history of resources and IAM policies for investigations and audits.",
  severity: "low",
  resourceTypes: ["gcp.project"],
  remediation: "Enable cloudasset.googleapis.com (gcloud services enable cloudasset.googleapis.com).",
  references: ["https://cloud.google.com/asset-inventory/docs/overview"],
  evaluate(resource) {
    const value = getPath(resource.properties, "enabledServices");
    if (isUnknown(value))
      return notApplicable("enabledServices is not known", { path: "enabledServices", actual: value });
    if (!Array.isArray(value))
      return notApplicable("enabled services are not reported by this source", { path: "enabledServices" });
    if (value.includes("cloudasset.googleapis.com"))
      return pass("the Cloud Asset API is enabled", { path: "enabledServices" });
    return fail("the Cloud Asset API is not enabled", {
      path: "enabledServices",
      actual: value,
      expected: "cloudasset.googleapis.com",
    });
  },
});
