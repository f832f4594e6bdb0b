/** aws.eks.cluster from aws_eks_cluster. */
import { isUnknown } from "../../../../model/index.js";
import { asBool, fields, first, nameOf, stringList, stringTags, type TfMapper } from "./common.js";

export const eksClusterMapper: TfMapper = {
  canonicalType: "aws.eks.cluster",
  parentTypes: ["aws_eks_cluster"],
  companions: {},
  linkKeys: (cluster) => [cluster.values.name, cluster.values.arn],
  build(cluster, _companions, props) {
    const vpc = fields(cluster, props, [
      // Terraform's (and EKS's) defaults: public endpoint on, open to the world; private off.
      ["resourcesVpcConfig.endpointPublicAccess", "vpc_config.0.endpoint_public_access", true, asBool],
      ["resourcesVpcConfig.endpointPrivateAccess", "vpc_config.0.endpoint_private_access", false, asBool],
      ["resourcesVpcConfig.publicAccessCidrs", "vpc_config.0.public_access_cidrs", ["0.0.0.0/0"], stringList],
    ]);
    const logging = fields(cluster, props, [
      ["logging.enabledTypes", "enabled_cluster_log_types", [], stringList],
    ]);
    props.add("encryptionConfig", cluster, "encryption_config");
    const encryption = cluster.values.encryption_config;
    return {
      type: "aws.eks.cluster",
      name: nameOf(cluster, "name"),
      tags: stringTags(cluster.values.tags),
      properties: {
        name: cluster.values.name ?? null,
        resourcesVpcConfig: {
          endpointPublicAccess: vpc["resourcesVpcConfig.endpointPublicAccess"],
          endpointPrivateAccess: vpc["resourcesVpcConfig.endpointPrivateAccess"],
          publicAccessCidrs: vpc["resourcesVpcConfig.publicAccessCidrs"],
        },
        logging: { enabledTypes: logging["logging.enabledTypes"] },
        encryptionConfig: isUnknown(encryption)
          ? encryption
          : (Array.isArray(encryption) ? encryption : encryption ? [encryption] : []).map((entry) => {
              const block = first(entry);
              if (isUnknown(entry) || !block) return entry;
              const provider = first(block.provider);
              return {
                resources: stringList(block.resources),
                provider: { keyArn: provider?.key_arn ?? null },
              };
            }),
      },
    };
  },
};
