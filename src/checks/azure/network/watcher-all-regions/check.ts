import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.watcher-all-regions",
  title: "Network Watcher is enabled in every region the subscription uses",
  description:
    "Network Watcher provides flow logs, connection troubleshooting and topology in a region; without it an incident there is harder to investigate.",
  severity: "low",
  resourceTypes: ["azure.subscription"],
  remediation:
    "Enable Network Watcher in each region in use (az network watcher configure --locations REGION --enabled true).",
  references: ["https://learn.microsoft.com/en-us/azure/network-watcher/network-watcher-create"],
  evaluate(resource) {
    const value = getPath(resource.properties, "networkWatcherRegions");
    if (isUnknown(value))
      return notApplicable("networkWatcherRegions is not known", {
        path: "networkWatcherRegions",
        actual: value,
      });
    if (value === undefined || value === null)
      return notApplicable("networkWatcherRegions is not reported by this source", {
        path: "networkWatcherRegions",
      });
    const inUse = getPath(resource.properties, "regionsInUse");
    const regions = Array.isArray(inUse) ? (inUse as string[]) : [];
    const watched = new Set((value as string[]).map((r) => String(r).toLowerCase()));
    const missing = regions.filter((r) => !watched.has(r.toLowerCase()));
    if (missing.length === 0)
      return pass("every region in use has a Network Watcher", {
        path: "networkWatcherRegions",
        actual: [...watched],
      });
    return fail(`no Network Watcher in ${missing.join(", ")}`, {
      path: "networkWatcherRegions",
      actual: [...watched],
      expected: regions,
    });
  },
});
