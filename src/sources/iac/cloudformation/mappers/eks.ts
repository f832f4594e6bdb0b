/** aws.eks.cluster from AWS::EKS::Cluster. */
import { isUnknown, unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, list, nameOf, prop, tagsOf } from "./context.js";

export const eksClusterMapper: CfnMapper = {
  canonicalType: "aws.eks.cluster",
  cfnType: "AWS::EKS::Cluster",
  map(cluster, _companions, ctx) {
    ctx.at("resourcesVpcConfig", cluster, "ResourcesVpcConfig");
    ctx.at("logging", cluster, "Logging");
    ctx.at("encryptionConfig", cluster, "EncryptionConfig");
    const cidrs = prop(cluster, "ResourcesVpcConfig", "PublicAccessCidrs");
    const logTypes = list(prop(cluster, "Logging", "ClusterLogging", "EnabledTypes"));
    const encryption = list(prop(cluster, "EncryptionConfig"));
    return {
      name: nameOf(cluster, "Name"),
      properties: {
        name: prop(cluster, "Name") ?? unknown("CloudFormation generates the cluster name"),
        resourcesVpcConfig: {
          // EKS defaults: public endpoint on and open to the world; private off.
          endpointPublicAccess: bool(prop(cluster, "ResourcesVpcConfig", "EndpointPublicAccess")) ?? true,
          endpointPrivateAccess: bool(prop(cluster, "ResourcesVpcConfig", "EndpointPrivateAccess")) ?? false,
          publicAccessCidrs: cidrs === undefined || cidrs === null ? ["0.0.0.0/0"] : list(cidrs),
        },
        logging: {
          enabledTypes: isUnknown(logTypes)
            ? logTypes
            : logTypes.map((entry) =>
                entry && typeof entry === "object" && !isUnknown(entry)
                  ? (entry as { Type?: unknown }).Type
                  : entry,
              ),
        },
        encryptionConfig: isUnknown(encryption)
          ? encryption
          : encryption.map((entry) => {
              if (!entry || typeof entry !== "object" || isUnknown(entry)) return entry;
              const e = entry as { Resources?: unknown; Provider?: { KeyArn?: unknown } };
              return { resources: list(e.Resources), provider: { keyArn: e.Provider?.KeyArn ?? null } };
            }),
      },
      tags: tagsOf(prop(cluster, "Tags")),
    };
  },
};
