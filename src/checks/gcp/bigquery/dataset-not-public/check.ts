import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.bigquery.dataset-not-public",
  title: "BigQuery dataset is not shared with allUsers or allAuthenticatedUsers",
  description:
    "A dataset shared with allUsers or allAuthenticatedUsers can be read by anyone with a Google account, or by anyone at all.",
  severity: "critical",
  resourceTypes: ["gcp.bigquery.dataset"],
  remediation:
    "Remove access entries for allUsers and allAuthenticatedUsers (specialGroup allAuthenticatedUsers, iamMember allUsers) from the dataset.",
  references: ["https://cloud.google.com/bigquery/docs/control-access-to-resources-iam"],
  evaluate(resource) {
    const value = getPath(resource.properties, "access");
    if (isUnknown(value)) return notApplicable("access is not known", { path: "access", actual: value });
    const entries = (Array.isArray(value) ? value : []) as {
      role?: unknown;
      specialGroup?: unknown;
      iamMember?: unknown;
    }[];
    const index = entries.findIndex(
      (e) =>
        e?.specialGroup === "allAuthenticatedUsers" ||
        e?.iamMember === "allUsers" ||
        e?.iamMember === "allAuthenticatedUsers",
    );
    if (index < 0) return pass("the dataset is not shared publicly", { path: "access" });
    return fail(
      `the dataset grants ${String(entries[index]?.role)} to ${String(entries[index]?.specialGroup ?? entries[index]?.iamMember)}`,
      {
        path: `access[${index}]`,
        actual: entries[index],
        expected: "no allUsers or allAuthenticatedUsers entry",
      },
    );
  },
});
