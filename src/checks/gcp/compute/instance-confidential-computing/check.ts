import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.compute.instance-confidential-computing",
  title: "Instance is a Confidential VM",
  description:
    "Confidential VMs keep memory encrypted with keys held by the CPU, so data stays encrypted while it is processed.",
  severity: "low",
  resourceTypes: ["gcp.compute.instance"],
  remediation:
    "Recreate the instance with --confidential-compute on a supported machine type (N2D, C2D, C3).",
  references: [
    "https://cloud.google.com/confidential-computing/confidential-vm/docs/confidential-vm-overview",
  ],
  evaluate(resource) {
    const value = getPath(resource.properties, "confidentialInstanceConfig");
    if (isUnknown(value))
      return notApplicable("confidentialInstanceConfig is not known", {
        path: "confidentialInstanceConfig",
        actual: value,
      });
    const config = (value ?? {}) as {
      enableConfidentialCompute?: unknown;
      confidentialInstanceType?: unknown;
    };
    if (isUnknown(config.enableConfidentialCompute))
      return notApplicable("confidential computing is not known", {
        path: "confidentialInstanceConfig.enableConfidentialCompute",
        actual: config.enableConfidentialCompute,
      });
    if (
      config.enableConfidentialCompute === true ||
      (typeof config.confidentialInstanceType === "string" &&
        config.confidentialInstanceType !== "CONFIDENTIAL_INSTANCE_TYPE_UNSPECIFIED")
    )
      return pass("the instance is a Confidential VM", { path: "confidentialInstanceConfig", actual: value });
    return fail("the instance is not a Confidential VM", {
      path: "confidentialInstanceConfig.enableConfidentialCompute",
      actual: config.enableConfidentialCompute ?? null,
      expected: true,
    });
  },
});
