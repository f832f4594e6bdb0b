import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.project.access-approval-enabled",
  title: "Access Approval is enabled for the project",
  description:
    "With Access Approval, Google personnel must ask for and receive explicit approval before they access the project's content for support or engineering work.",
  severity: "low",
  resourceTypes: ["gcp.project"],
  remediation:
    "Enroll the project (or its folder or organization) in Access Approval for all supported services (gcloud access-approval settings update --project=PROJECT --enrolled_services=all --notification_emails=...).",
  references: ["https://cloud.google.com/assured-workloads/access-approval/docs/overview"],
  evaluate(resource) {
    const path = "accessApprovalSettings";
    const settings = resource.properties[path];
    if (isUnknown(settings))
      return notApplicable("the Access Approval settings are not known", { path, actual: settings });
    if (settings === undefined)
      return notApplicable("the Access Approval settings were not collected", { path });
    const value = (settings ?? {}) as { enrolledServices?: unknown; enrolledAncestor?: unknown };
    const services = Array.isArray(value.enrolledServices) ? value.enrolledServices : [];
    if (services.length > 0)
      return pass(
        `Access Approval covers ${services.map((s) => String((s as { cloudProduct?: unknown })?.cloudProduct ?? "?")).join(", ")}`,
        { path: `${path}.enrolledServices`, actual: services },
      );
    if (value.enrolledAncestor === true)
      return pass("Access Approval is enabled on a parent folder or organization", {
        path: `${path}.enrolledAncestor`,
        actual: true,
      });
    return fail("the project is not enrolled in Access Approval", {
      path,
      actual: settings ?? null,
      expected: "enrolledServices such as [{cloudProduct: all}]",
    });
  },
});
