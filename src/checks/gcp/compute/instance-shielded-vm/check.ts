import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.compute.instance-shielded-vm",
  title: "Instance is a Shielded VM with Secure Boot, vTPM and integrity monitoring",
  description:
    "Shielded VM features defend against rootkits and boot-level malware and let you verify the boot integrity.",
  severity: "medium",
  resourceTypes: ["gcp.compute.instance"],
  remediation: "Enable Secure Boot, vTPM and integrity monitoring (shieldedInstanceConfig) on the instance.",
  references: ["https://cloud.google.com/compute/shielded-vm/docs/shielded-vm"],
  evaluate(resource) {
    const config = getPath(resource.properties, "shieldedInstanceConfig");
    if (isUnknown(config))
      return fail("Shielded VM settings are not known", { path: "shieldedInstanceConfig", actual: config });
    for (const feature of ["enableSecureBoot", "enableVtpm", "enableIntegrityMonitoring"]) {
      const value = getPath(config, feature);
      if (value !== true)
        return fail(`${feature} is not enabled`, {
          path: `shieldedInstanceConfig.${feature}`,
          actual: value ?? null,
          expected: true,
        });
    }
    return pass("Secure Boot, vTPM and integrity monitoring are enabled", { path: "shieldedInstanceConfig" });
  },
});
