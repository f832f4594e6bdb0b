import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.compute.linux-ssh-keys-only",
  title: "Linux virtual machine accepts SSH keys only",
  description: "Password logins can be guessed; SSH keys cannot be brute-forced in practice.",
  severity: "medium",
  resourceTypes: ["azure.compute.vm"],
  remediation:
    "Set osProfile.linuxConfiguration.disablePasswordAuthentication to true and provide SSH public keys.",
  references: ["https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed"],
  fixes: {
    arm: '"linuxConfiguration": { "disablePasswordAuthentication": true }',
    terraform: "disable_password_authentication = true",
  },
  evaluate(resource) {
    const linux = getPath(resource.properties, "osProfile.linuxConfiguration");
    if (isUnknown(linux))
      return notApplicable("the Linux configuration is not known at scan time", {
        path: "osProfile.linuxConfiguration",
        actual: linux,
      });
    if (!linux)
      return notApplicable("not a Linux virtual machine", {
        path: "osProfile.linuxConfiguration",
        actual: null,
      });
    const disabled = getPath(linux, "disablePasswordAuthentication");
    if (isUnknown(disabled))
      return notApplicable("password authentication is not known at scan time", {
        path: "osProfile.linuxConfiguration.disablePasswordAuthentication",
        actual: disabled,
      });
    if (disabled === true)
      return pass("password authentication is disabled", {
        path: "osProfile.linuxConfiguration.disablePasswordAuthentication",
        actual: true,
      });
    return fail("SSH password authentication is allowed", {
      path: "osProfile.linuxConfiguration.disablePasswordAuthentication",
      actual: disabled ?? null,
      expected: true,
    });
  },
});
