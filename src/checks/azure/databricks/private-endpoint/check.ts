import { defineCheck } from "../../../check.js";
import { requireApprovedPrivateEndpoint } from "../../live/reported.js";

export default defineCheck({
  id: "azure.databricks.private-endpoint",
  title: "Databricks workspace is reached through a private endpoint",
  description:
    "Private endpoints keep traffic to the workspace's front end and back end on the virtual network.",
  severity: "low",
  resourceTypes: ["azure.databricks.workspace"],
  remediation: "Create a private endpoint for the resource and approve its connection.",
  references: ["https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/private-link"],
  evaluate: requireApprovedPrivateEndpoint,
});
