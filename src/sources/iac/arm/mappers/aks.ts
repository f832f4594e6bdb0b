import { isUnknown } from "../../../../model/index.js";
import { type ArmMapper, armBool, armProp } from "./context.js";

export const aksMapper: ArmMapper = {
  canonicalType: "azure.aks.cluster",
  armType: "Microsoft.ContainerService/managedClusters",
  map(cluster, _children, ctx) {
    for (const key of [
      "enableRBAC",
      "disableLocalAccounts",
      "aadProfile",
      "apiServerAccessProfile",
      "networkProfile",
    ])
      ctx.at(key, cluster, "properties", key);
    ctx.at(
      "apiServerAccessProfile.enablePrivateCluster",
      cluster,
      "properties",
      "apiServerAccessProfile",
      "enablePrivateCluster",
    );
    ctx.at("networkProfile.networkPolicy", cluster, "properties", "networkProfile", "networkPolicy");
    const api = armProp(cluster, "apiServerAccessProfile");
    const network = armProp(cluster, "networkProfile");
    return {
      kubernetesVersion: armProp(cluster, "kubernetesVersion") ?? null,
      enableRBAC: armBool(armProp(cluster, "enableRBAC"), true),
      disableLocalAccounts: armBool(armProp(cluster, "disableLocalAccounts"), false),
      aadProfile: armProp(cluster, "aadProfile") ?? null,
      apiServerAccessProfile: isUnknown(api)
        ? api
        : {
            enablePrivateCluster: armBool(
              armProp(cluster, "apiServerAccessProfile", "enablePrivateCluster"),
              false,
            ),
            authorizedIPRanges: armProp(cluster, "apiServerAccessProfile", "authorizedIPRanges") ?? [],
          },
      networkProfile: isUnknown(network)
        ? network
        : {
            networkPlugin: armProp(cluster, "networkProfile", "networkPlugin") ?? "kubenet",
            networkPolicy: armProp(cluster, "networkProfile", "networkPolicy") ?? null,
          },
    };
  },
};
