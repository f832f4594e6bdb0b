import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.project.audit-logging-all-services",
  title: "Project records Data Access audit logs for all services",
  description:
    "Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) for allServices record who read or changed data, which Admin Activity logs alone do not.",
  severity: "medium",
  resourceTypes: ["gcp.project"],
  remediation:
    "Add an auditConfig for allServices with ADMIN_READ, DATA_READ and DATA_WRITE and no exempted members.",
  references: ["https://cloud.google.com/logging/docs/audit/configure-data-access"],
  evaluate(resource) {
    const configs = getPath(resource.properties, "auditConfigs");
    if (isUnknown(configs))
      return fail("audit configuration is not known", { path: "auditConfigs", actual: configs });
    const list = Array.isArray(configs)
      ? (configs as { service?: unknown; auditLogConfigs?: unknown }[])
      : [];
    const all = list.find((c) => c?.service === "allServices");
    const logs = Array.isArray(all?.auditLogConfigs)
      ? (all.auditLogConfigs as { logType?: unknown; exemptedMembers?: unknown }[])
      : [];
    const missing = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"].filter(
      (t) => !logs.some((l) => l?.logType === t),
    );
    const exempted = logs.some((l) => Array.isArray(l?.exemptedMembers) && l.exemptedMembers.length > 0);
    if (missing.length > 0 || exempted)
      return fail(
        missing.length > 0
          ? `allServices does not log ${missing.join(", ")}`
          : "some members are exempted from audit logging",
        {
          path: "auditConfigs",
          actual: all ?? null,
          expected: "allServices with ADMIN_READ, DATA_READ, DATA_WRITE and no exemptions",
        },
      );
    return pass("Data Access audit logs are on for all services", { path: "auditConfigs" });
  },
});
