/** aws.ec2.instance from aws_instance (metadata options, instance profile, network placement). */
import { isUnknown, unknown } from "../../../../model/index.js";
import { fields, first, nameOf, stringTags, type TfMapper } from "./common.js";

export const ec2InstanceMapper: TfMapper = {
  canonicalType: "aws.ec2.instance",
  parentTypes: ["aws_instance"],
  companions: {},
  linkKeys: () => [],
  build(instance, _companions, props) {
    const v = instance.values;
    const metadata = v.metadata_options;
    let metadataOptions: unknown;
    if (isUnknown(metadata)) metadataOptions = metadata;
    else {
      const m = first(metadata) ?? {};
      props.add("metadataOptions", instance, "metadata_options[0]");
      props.add("metadataOptions.httpTokens", instance, "metadata_options[0].http_tokens");
      props.add("metadataOptions.httpEndpoint", instance, "metadata_options[0].http_endpoint");
      // The provider's defaults when the block or an argument is absent.
      metadataOptions = {
        httpTokens: m.http_tokens ?? "optional",
        httpEndpoint: m.http_endpoint ?? "enabled",
        httpPutResponseHopLimit: m.http_put_response_hop_limit ?? 1,
      };
    }
    const profile = v.iam_instance_profile;
    props.add("iamInstanceProfile", instance, "iam_instance_profile");
    props.add("associatePublicIpAddress", instance, "associate_public_ip_address");
    const groups = v.vpc_security_group_ids ?? v.security_groups ?? [];
    return {
      type: "aws.ec2.instance",
      name: stringTags(v.tags).Name ?? nameOf(instance, "id"),
      tags: stringTags(v.tags),
      properties: {
        instanceId: v.id ?? unknown("the instance id is known only after apply"),
        state: "running",
        metadataOptions,
        iamInstanceProfile:
          profile === undefined || profile === null || profile === ""
            ? null
            : isUnknown(profile)
              ? profile
              : { arn: profile },
        ...fields(instance, props, [
          ["subnetId", "subnet_id"],
          [
            "publicIpAddress",
            "associate_public_ip_address",
            null,
            (x) => (x === true ? unknown("a public IP is assigned at launch") : null),
          ],
        ]),
        // Absent means the subnet's map_public_ip_on_launch decides, which this resource alone does not tell.
        associatePublicIpAddress:
          v.associate_public_ip_address ?? unknown("whether a public IP is assigned depends on the subnet"),
        vpcId: unknown("the VPC follows from the subnet"),
        securityGroupIds: groups,
      },
    };
  },
};
