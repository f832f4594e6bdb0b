import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { isDefaultComputeServiceAccount } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.compute.instance-default-service-account",
  title: "Instance does not run as the default Compute Engine service account",
  description:
    "The default service account has the Editor role on the project unless that grant was removed, so every process on the instance can change almost anything.",
  severity: "high",
  resourceTypes: ["gcp.compute.instance"],
  remediation:
    "Create a dedicated service account with only the roles the workload needs and attach it to the instance.",
  references: ["https://cloud.google.com/compute/docs/access/service-accounts#default_service_account"],
  evaluate(resource) {
    const accounts = getPath(resource.properties, "serviceAccounts");
    if (isUnknown(accounts))
      return fail("service accounts not known", { path: "serviceAccounts", actual: accounts });
    const list = Array.isArray(accounts) ? (accounts as { email?: unknown }[]) : [];
    const index = list.findIndex((sa) => isDefaultComputeServiceAccount(sa?.email));
    if (index >= 0)
      return fail("the instance runs as the default Compute Engine service account", {
        path: `serviceAccounts[${index}].email`,
        actual: list[index]?.email,
        expected: "a dedicated service account",
      });
    return pass("the instance does not use the default service account", { path: "serviceAccounts" });
  },
});
