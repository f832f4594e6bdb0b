/** gcp.container.cluster from google_container_cluster (GKE API field names). */
import { isUnknown } from "../../../../model/index.js";
import { bool, first, nameOf, type TfMapper } from "./common.js";
import { blocks, compact, labels, projectOf } from "./gcp-common.js";

/** A nested block's fields through `pick`; unknown stays unknown, absent stays absent. */
function block(value: unknown, pick: (b: Record<string, unknown>) => unknown): unknown {
  if (isUnknown(value)) return value;
  const b = first(value);
  return b ? pick(b) : undefined;
}

export const gcpContainerClusterMapper: TfMapper = {
  canonicalType: "gcp.container.cluster",
  parentTypes: ["google_container_cluster"],
  companions: {},
  linkKeys: () => [],
  build(cluster, _companions, props) {
    const v = cluster.values;
    props.add("legacyAbac.enabled", cluster, "enable_legacy_abac");
    props.add(
      "privateClusterConfig.enablePrivateNodes",
      cluster,
      "private_cluster_config[0].enable_private_nodes",
    );
    props.add("masterAuthorizedNetworksConfig", cluster, "master_authorized_networks_config[0]");
    props.add("workloadIdentityConfig.workloadPool", cluster, "workload_identity_config[0].workload_pool");
    props.add("shieldedNodes.enabled", cluster, "enable_shielded_nodes");
    props.add("networkPolicy.enabled", cluster, "network_policy[0].enabled");
    props.add("networkConfig.datapathProvider", cluster, "datapath_provider");
    return {
      type: "gcp.container.cluster",
      name: nameOf(cluster, "name"),
      ...projectOf(cluster),
      tags: labels(v.resource_labels),
      properties: compact({
        name: v.name,
        location: v.location,
        legacyAbac: { enabled: bool(v.enable_legacy_abac) },
        privateClusterConfig: block(v.private_cluster_config, (b) =>
          compact({
            enablePrivateNodes: bool(b.enable_private_nodes),
            enablePrivateEndpoint: bool(b.enable_private_endpoint),
            masterIpv4CidrBlock: b.master_ipv4_cidr_block,
          }),
        ),
        // The block's presence turns authorized networks on, even with no CIDR block.
        masterAuthorizedNetworksConfig: block(v.master_authorized_networks_config, (b) => {
          const cidrs = blocks(b.cidr_blocks);
          return {
            enabled: true,
            cidrBlocks: isUnknown(cidrs)
              ? cidrs
              : cidrs.map((c) => compact({ cidrBlock: c.cidr_block, displayName: c.display_name })),
          };
        }),
        workloadIdentityConfig: block(v.workload_identity_config, (b) =>
          compact({ workloadPool: b.workload_pool }),
        ),
        // Provider default true since GKE made shielded nodes the default.
        shieldedNodes: { enabled: bool(v.enable_shielded_nodes, true) },
        networkPolicy: block(v.network_policy, (b) =>
          compact({ enabled: bool(b.enabled), provider: b.provider }),
        ),
        networkConfig:
          v.datapath_provider === undefined ? undefined : { datapathProvider: v.datapath_provider },
        autopilot: v.enable_autopilot === undefined ? undefined : { enabled: bool(v.enable_autopilot) },
      }),
    };
  },
};
