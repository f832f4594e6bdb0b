/**
 * aws.region-settings from the Terraform resources that set a region-level
 * service: each declared one (EBS encryption by default, a Security Hub
 * account, an Access Analyzer analyzer, a Config recorder with its status, a
 * Macie account) becomes one region-settings resource that knows only what it
 * declares. Everything else is unknown: the region exists outside the
 * configuration and may be set up elsewhere, so absence is never a failure.
 */
import { isUnknown, type Unknown, unknown } from "../../../../model/index.js";
import { asBool, bool, type Companions, fields, first, type PropertyLines, type TfMapper } from "./common.js";
import type { TfResourceInput } from "./input.js";

const notDeclared = unknown("not declared by this Terraform resource");

const afterApply = (what: string) => unknown(`${what} is known only after apply`);

/** The recorder as Config describes it; recording comes from aws_config_configuration_recorder_status. */
function configRecorder(recorder: TfResourceInput, companions: Companions, props: PropertyLines): unknown {
  const group = recorder.values.recording_group;
  const spec = isUnknown(group) ? undefined : first(group);
  const allSupported = isUnknown(group) ? group : bool(spec?.all_supported, true);
  const status = companions.get("aws_config_configuration_recorder_status")?.[0];
  // Without a status resource the recorder is created stopped, but it may be started outside Terraform.
  const recording = status
    ? bool(status.values.is_enabled)
    : unknown("aws_config_configuration_recorder_status is not in this configuration");
  props.add("configRecorders", recorder, spec ? "recording_group[0].all_supported" : undefined);
  if (status) props.add("configRecorders", status, "is_enabled");
  // The check looks for a recorder that records everything; an unknown part leaves the answer unknown.
  const unknownPart = [allSupported, recording].find(isUnknown) as Unknown | undefined;
  if (unknownPart && !(allSupported === false || recording === false)) return unknownPart;
  // Names known only after apply are null, not unknown: a failing result showing one would be dropped.
  const literal = (value: unknown) => (typeof value === "string" ? value : null);
  return [
    {
      name: recorder.values.name === undefined ? "default" : literal(recorder.values.name),
      roleArn: literal(recorder.values.role_arn),
      recordingGroup: {
        allSupported,
        includeGlobalResourceTypes: bool(spec?.include_global_resource_types),
      },
      recording,
    },
  ];
}

function declared(setting: TfResourceInput, companions: Companions, props: PropertyLines) {
  const v = setting.values;
  switch (setting.type) {
    case "aws_ebs_encryption_by_default":
      return {
        ...fields(setting, props, [["ebsEncryptionByDefault", "enabled", true, asBool]]),
        ebsDefaultKmsKeyId: null,
      };
    case "aws_securityhub_account":
      props.add("securityHub", setting);
      return {
        securityHub: { hubArn: v.arn ?? afterApply("the hub ARN"), subscribedAt: afterApply("the time") },
      };
    case "aws_accessanalyzer_analyzer":
      // An analyzer is active once created; IaC cannot declare an inactive one.
      props.add("accessAnalyzers", setting);
      return {
        accessAnalyzers: [
          {
            arn: v.arn ?? afterApply("the analyzer ARN"),
            name: v.analyzer_name ?? null,
            type: v.type ?? "ACCOUNT",
            status: "ACTIVE",
          },
        ],
      };
    case "aws_config_configuration_recorder":
      return { configRecorders: configRecorder(setting, companions, props) };
    case "aws_macie2_account": {
      props.add("macie", setting, v.status === undefined ? undefined : "status");
      const status = v.status ?? "ENABLED";
      // createdAt is null rather than unknown, so that a paused account's failure stands.
      return { macie: isUnknown(status) ? status : { status, createdAt: null } };
    }
    default:
      return {};
  }
}

export const regionSettingsMapper: TfMapper = {
  canonicalType: "aws.region-settings",
  parentTypes: [
    "aws_ebs_encryption_by_default",
    "aws_securityhub_account",
    "aws_accessanalyzer_analyzer",
    "aws_config_configuration_recorder",
    "aws_macie2_account",
  ],
  companions: { aws_config_configuration_recorder_status: "name" },
  linkKeys: (setting) => (setting.type === "aws_config_configuration_recorder" ? [setting.values.name] : []),
  build(setting, companions, props) {
    return {
      type: "aws.region-settings",
      name: "region settings",
      tags: {},
      properties: {
        regionName: setting.region ?? unknown("the provider's region"),
        ebsEncryptionByDefault: notDeclared,
        ebsDefaultKmsKeyId: notDeclared,
        instanceMetadataDefaults: notDeclared,
        accessAnalyzers: notDeclared,
        configRecorders: notDeclared,
        securityHub: notDeclared,
        macie: notDeclared,
        ...declared(setting, companions, props),
      },
    };
  },
};
