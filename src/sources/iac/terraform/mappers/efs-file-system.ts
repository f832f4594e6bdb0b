/** aws.efs.file-system from aws_efs_file_system. */
import { unknown } from "../../../../model/index.js";
import { asBool, fields, nameOf, stringTags, type TfMapper } from "./common.js";

export const efsFileSystemMapper: TfMapper = {
  canonicalType: "aws.efs.file-system",
  parentTypes: ["aws_efs_file_system"],
  companions: {},
  linkKeys: () => [],
  build(fs, _companions, props) {
    return {
      type: "aws.efs.file-system",
      name: stringTags(fs.values.tags).Name ?? nameOf(fs, "creation_token"),
      tags: stringTags(fs.values.tags),
      properties: {
        fileSystemId: fs.values.id ?? unknown("the file system id is known only after apply"),
        ...fields(fs, props, [
          ["encrypted", "encrypted", false, asBool],
          ["kmsKeyId", "kms_key_id"],
        ]),
      },
    };
  },
};
