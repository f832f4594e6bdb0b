/** azure.aks.cluster from azurerm_kubernetes_cluster, with the azurerm provider's defaults for absent blocks. */
import { isUnknown } from "../../../../model/index.js";
import { orDefault } from "./azure-common.js";
import { bool, first, nameOf, stringList, stringTags, type TfMapper } from "./common.js";

export const kubernetesClusterTfMapper: TfMapper = {
  canonicalType: "azure.aks.cluster",
  parentTypes: ["azurerm_kubernetes_cluster"],
  companions: {},
  linkKeys: () => [],
  build(cluster, _companions, props) {
    const v = cluster.values;
    props.add("kubernetesVersion", cluster, "kubernetes_version");
    props.add("enableRBAC", cluster, "role_based_access_control_enabled");
    props.add("disableLocalAccounts", cluster, "local_account_disabled");
    props.add("aadProfile", cluster, "azure_active_directory_role_based_access_control[0]");
    props.add("apiServerAccessProfile.enablePrivateCluster", cluster, "private_cluster_enabled");
    props.add("networkProfile", cluster, "network_profile[0]");
    props.add("networkProfile.networkPolicy", cluster, "network_profile[0].network_policy");

    const aadBlock = v.azure_active_directory_role_based_access_control;
    const aad = first(aadBlock);
    // v4 always manages the Entra integration; v3 has `managed` (false is the legacy integration).
    const aadProfile = isUnknown(aadBlock)
      ? aadBlock
      : aad
        ? { managed: bool(aad.managed, true), enableAzureRBAC: bool(aad.azure_rbac_enabled) }
        : null;

    // Authorized ranges: v4 `api_server_access_profile` block, v3 top-level attribute.
    const apiBlock = v.api_server_access_profile;
    const ranges = isUnknown(apiBlock)
      ? apiBlock
      : first(apiBlock)
        ? stringList(first(apiBlock)?.authorized_ip_ranges)
        : stringList(v.api_server_authorized_ip_ranges);

    const networkBlock = v.network_profile;
    const network = first(networkBlock);
    return {
      type: "azure.aks.cluster",
      name: nameOf(cluster, "name"),
      tags: stringTags(v.tags),
      properties: {
        kubernetesVersion: v.kubernetes_version ?? null,
        enableRBAC: bool(v.role_based_access_control_enabled, true),
        disableLocalAccounts: bool(v.local_account_disabled),
        aadProfile,
        apiServerAccessProfile: {
          enablePrivateCluster: bool(v.private_cluster_enabled),
          authorizedIPRanges: ranges,
        },
        networkProfile: isUnknown(networkBlock)
          ? networkBlock
          : {
              networkPlugin: orDefault(network?.network_plugin, "kubenet"),
              networkPolicy: network?.network_policy ?? null,
            },
      },
    };
  },
};
