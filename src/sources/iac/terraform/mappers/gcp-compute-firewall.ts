/** gcp.compute.firewall from google_compute_firewall: allow/deny blocks become `allowed`/`denied`. */
import { isUnknown } from "../../../../model/index.js";
import { bool, nameOf, type TfMapper } from "./common.js";
import { blocks, compact, projectOf } from "./gcp-common.js";

/** `allow { protocol, ports }` → `{IPProtocol, ports}`; the API writes ports as strings and omits none. */
function rules(value: unknown): unknown {
  const list = blocks(value);
  if (isUnknown(list)) return list;
  return list.map((rule) => {
    const ports = rule.ports;
    const converted = isUnknown(ports)
      ? ports
      : Array.isArray(ports) && ports.length > 0
        ? ports.map((p) => (typeof p === "number" ? String(p) : p))
        : undefined;
    return compact({ IPProtocol: rule.protocol, ports: converted });
  });
}

function ranges(value: unknown): unknown {
  if (isUnknown(value)) return value;
  return Array.isArray(value) && value.length > 0 ? value : undefined;
}

export const gcpComputeFirewallMapper: TfMapper = {
  canonicalType: "gcp.compute.firewall",
  parentTypes: ["google_compute_firewall"],
  companions: {},
  linkKeys: () => [],
  build(firewall, _companions, props) {
    const v = firewall.values;
    props.add("direction", firewall, "direction");
    props.add("disabled", firewall, "disabled");
    props.add("network", firewall, "network");
    props.add("sourceRanges", firewall, "source_ranges");
    props.add("allowed", firewall, "allow[0]");
    props.add("denied", firewall, "deny[0]");
    return {
      type: "gcp.compute.firewall",
      name: nameOf(firewall, "name"),
      ...projectOf(firewall),
      tags: {},
      properties: compact({
        name: v.name,
        network: v.network,
        // Provider and API defaults: ingress, enabled, priority 1000.
        direction: v.direction ?? "INGRESS",
        disabled: bool(v.disabled),
        priority: v.priority ?? 1000,
        sourceRanges: ranges(v.source_ranges),
        destinationRanges: ranges(v.destination_ranges),
        sourceTags: ranges(v.source_tags),
        targetTags: ranges(v.target_tags),
        sourceServiceAccounts: ranges(v.source_service_accounts),
        targetServiceAccounts: ranges(v.target_service_accounts),
        allowed: v.allow === undefined ? undefined : rules(v.allow),
        denied: v.deny === undefined ? undefined : rules(v.deny),
      }),
    };
  },
};
