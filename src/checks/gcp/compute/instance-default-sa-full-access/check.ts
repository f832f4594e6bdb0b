import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";
import { isDefaultComputeServiceAccount } from "../../../lib/gcp.js";

export default defineCheck({
  id: "gcp.compute.instance-default-sa-full-access",
  title: "Instance does not give the default service account full API access",
  description:
    "The default service account with the cloud-platform scope can call every Google Cloud API with the Editor role.",
  severity: "critical",
  resourceTypes: ["gcp.compute.instance"],
  remediation: "Use a dedicated service account, or limit the default one's scopes.",
  references: ["https://cloud.google.com/compute/docs/access/service-accounts#scopes_best_practice"],
  evaluate(resource) {
    const accounts = getPath(resource.properties, "serviceAccounts");
    if (isUnknown(accounts))
      return fail("service accounts not known", { path: "serviceAccounts", actual: accounts });
    const list = Array.isArray(accounts) ? (accounts as { email?: unknown; scopes?: unknown }[]) : [];
    const index = list.findIndex(
      (sa) =>
        isDefaultComputeServiceAccount(sa?.email) &&
        Array.isArray(sa.scopes) &&
        sa.scopes.includes("https://www.googleapis.com/auth/cloud-platform"),
    );
    if (index >= 0)
      return fail("the default service account has the cloud-platform scope", {
        path: `serviceAccounts[${index}].scopes`,
        actual: list[index]?.scopes,
        expected: "no cloud-platform scope on the default service account",
      });
    return pass("no default service account with full API access", { path: "serviceAccounts" });
  },
});
