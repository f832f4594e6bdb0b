/**
 * aws.region-settings from aws_ebs_encryption_by_default and
 * aws_ec2_instance_metadata_defaults; the settings IaC cannot declare are unknown.
 */
import { unknown } from "../../../../model/index.js";
import { asBool, fields, type TfMapper } from "./common.js";

const notDeclared = unknown("not declared in Terraform");

export const regionSettingsMapper: TfMapper = {
  canonicalType: "aws.region-settings",
  parentTypes: ["aws_ebs_encryption_by_default"],
  companions: {},
  linkKeys: () => [],
  build(setting, _companions, props) {
    return {
      type: "aws.region-settings",
      name: "region settings",
      tags: {},
      properties: {
        regionName: unknown("the provider's region"),
        ...fields(setting, props, [["ebsEncryptionByDefault", "enabled", true, asBool]]),
        ebsDefaultKmsKeyId: null,
        instanceMetadataDefaults: notDeclared,
        accessAnalyzers: notDeclared,
        configRecorders: notDeclared,
        securityHub: notDeclared,
      },
    };
  },
};
