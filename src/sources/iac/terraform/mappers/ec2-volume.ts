/** aws.ec2.volume from aws_ebs_volume. */
import { unknown } from "../../../../model/index.js";
import { asBool, fields, nameOf, stringTags, type TfMapper } from "./common.js";

export const ec2VolumeMapper: TfMapper = {
  canonicalType: "aws.ec2.volume",
  parentTypes: ["aws_ebs_volume"],
  companions: {},
  linkKeys: () => [],
  build(volume, _companions, props) {
    return {
      type: "aws.ec2.volume",
      name: stringTags(volume.values.tags).Name ?? nameOf(volume, "id"),
      tags: stringTags(volume.values.tags),
      properties: {
        volumeId: volume.values.id ?? unknown("the volume id is known only after apply"),
        state: "available",
        ...fields(volume, props, [
          ["encrypted", "encrypted", false, asBool],
          ["kmsKeyId", "kms_key_id"],
          ["size", "size"],
        ]),
      },
    };
  },
};
