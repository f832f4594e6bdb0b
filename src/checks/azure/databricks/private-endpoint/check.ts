import { defineCheck, fail, pass } from "../../../check.js";
import { reportedList } from "../../live/reported.js";

export default defineCheck({
  id: "azure.databricks.private-endpoint",
  title: "Databricks workspace is reached through a private endpoint",
  description:
    "Private endpoints keep traffic to the workspace's front end and back end on the virtual network.",
  severity: "low",
  resourceTypes: ["azure.databricks.workspace"],
  remediation: "Create a private endpoint for the resource and approve its connection.",
  references: ["https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/private-link"],
  evaluate(resource) {
    const list = reportedList(resource, "privateEndpointConnections");
    if (!Array.isArray(list)) return list;
    const approved = list.filter(
      (c) =>
        (c as { properties?: { privateLinkServiceConnectionState?: { status?: unknown } } })?.properties
          ?.privateLinkServiceConnectionState?.status === "Approved",
    );
    if (approved.length > 0)
      return pass(`${approved.length} approved private endpoint connection(s)`, {
        path: "privateEndpointConnections",
      });
    return fail("no approved private endpoint connection", {
      path: "privateEndpointConnections",
      actual: list,
      expected: "an approved private endpoint connection",
    });
  },
});
