import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

/** "networkSecurityGroups" or "virtualNetworks" from the flow log's target id, for the message. */
function targetKind(id: unknown): string {
  if (typeof id !== "string") return "target";
  if (/\/networksecuritygroups\//i.test(id)) return "network security group";
  if (/\/virtualnetworks\//i.test(id)) return "virtual network";
  return "target";
}

export default defineCheck({
  id: "azure.network.flow-log-traffic-analytics",
  title: "Flow logs are sent to Log Analytics (traffic analytics)",
  description:
    "Flow logs kept only as blobs in a storage account are rarely read; traffic analytics sends them to a Log Analytics workspace where they can be queried and alerted on.",
  severity: "low",
  resourceTypes: ["azure.network.flow-log"],
  remediation:
    "Enable the flow log and its traffic analytics with a Log Analytics workspace (az network watcher flow-log update --traffic-analytics true --workspace WORKSPACE_ID).",
  references: ["https://learn.microsoft.com/en-us/azure/network-watcher/traffic-analytics"],
  evaluate(resource) {
    const kind = targetKind(resource.properties.targetResourceId);
    const enabled = getPath(resource.properties, "enabled");
    if (isUnknown(enabled))
      return notApplicable("enabled is not known", { path: "enabled", actual: enabled });
    if (enabled !== true)
      return fail(`the ${kind} flow log is disabled`, {
        path: "enabled",
        actual: enabled ?? null,
        expected: true,
      });
    const path = "flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration";
    const config = getPath(resource.properties, path);
    if (isUnknown(config)) return notApplicable("traffic analytics is not known", { path, actual: config });
    const analytics = (config ?? {}) as {
      enabled?: unknown;
      workspaceResourceId?: unknown;
      workspaceId?: unknown;
    };
    const workspace = analytics.workspaceResourceId ?? analytics.workspaceId;
    if (analytics.enabled === true && typeof workspace === "string" && workspace !== "")
      return pass(`the ${kind} flow log is sent to Log Analytics`, { path, actual: config });
    return fail(`the ${kind} flow log is not sent to Log Analytics`, {
      path,
      actual: config ?? null,
      expected: "enabled with a Log Analytics workspace",
    });
  },
});
