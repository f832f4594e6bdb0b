/**
 * aws.region-settings from the CloudFormation resources that turn on a
 * region-level service: each declared one (a Security Hub hub, an Access
 * Analyzer analyzer, a Config recorder, a Macie session) becomes one
 * region-settings resource that knows only what it declares. Everything else
 * is unknown: the region exists outside the stack and may be set up
 * elsewhere, so absence is never a failure.
 */
import { isUnknown, unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, type Mapped, prop, type SourceResource } from "./context.js";

const notDeclared = unknown("not declared by this CloudFormation resource");
const atDeployment = unknown("assigned at deployment");
const literal = (value: unknown) => (typeof value === "string" ? value : null);

function settings(source: SourceResource, declared: Record<string, unknown>): Mapped {
  return {
    name: source.logicalId,
    properties: {
      regionName: unknown("the stack's region"),
      ebsEncryptionByDefault: notDeclared,
      ebsDefaultKmsKeyId: notDeclared,
      instanceMetadataDefaults: notDeclared,
      accessAnalyzers: notDeclared,
      configRecorders: notDeclared,
      securityHub: notDeclared,
      macie: notDeclared,
      ...declared,
    },
  };
}

export const securityHubMapper: CfnMapper = {
  canonicalType: "aws.region-settings",
  cfnType: "AWS::SecurityHub::Hub",
  map(hub, _companions, ctx) {
    ctx.at("securityHub", hub);
    return settings(hub, { securityHub: { hubArn: atDeployment, subscribedAt: atDeployment } });
  },
};

export const accessAnalyzerMapper: CfnMapper = {
  canonicalType: "aws.region-settings",
  cfnType: "AWS::AccessAnalyzer::Analyzer",
  map(analyzer, _companions, ctx) {
    ctx.at("accessAnalyzers", analyzer);
    // An analyzer is active once created; a template cannot declare an inactive one.
    return settings(analyzer, {
      accessAnalyzers: [
        {
          arn: atDeployment,
          name: prop(analyzer, "AnalyzerName") ?? unknown("CloudFormation generates the name"),
          type: prop(analyzer, "Type") ?? null,
          status: "ACTIVE",
        },
      ],
    });
  },
};

export const configRecorderMapper: CfnMapper = {
  canonicalType: "aws.region-settings",
  cfnType: "AWS::Config::ConfigurationRecorder",
  map(recorder, _companions, ctx) {
    ctx.at("configRecorders", recorder, "RecordingGroup", "AllSupported");
    const group = prop(recorder, "RecordingGroup");
    const strategy = prop(recorder, "RecordingGroup", "RecordingStrategy", "UseOnly");
    // Without a recording group Config records every supported type.
    const allSupported =
      bool(prop(recorder, "RecordingGroup", "AllSupported")) ??
      (group === undefined || strategy === "ALL_SUPPORTED_RESOURCE_TYPES");
    // CloudFormation starts the recorder once a delivery channel exists; one may be in another stack.
    const recording =
      ctx.ofType("AWS::Config::DeliveryChannel").length > 0
        ? true
        : unknown("the delivery channel that starts the recorder is not in this template");
    const undecided = [allSupported, recording].find(isUnknown);
    return settings(recorder, {
      configRecorders:
        undecided && allSupported !== false
          ? undecided
          : [
              {
                // Names known only at deployment are null, not unknown: a failing result showing one would be dropped.
                name: literal(prop(recorder, "Name")),
                roleArn: literal(prop(recorder, "RoleARN")),
                recordingGroup: {
                  allSupported,
                  includeGlobalResourceTypes:
                    bool(prop(recorder, "RecordingGroup", "IncludeGlobalResourceTypes")) ?? false,
                },
                recording,
              },
            ],
    });
  },
};

export const macieSessionMapper: CfnMapper = {
  canonicalType: "aws.region-settings",
  cfnType: "AWS::Macie::Session",
  map(session, _companions, ctx) {
    ctx.at("macie", session, "Status");
    const status = prop(session, "Status") ?? "ENABLED";
    // createdAt is null rather than unknown, so that a paused session's failure stands.
    return settings(session, { macie: isUnknown(status) ? status : { status, createdAt: null } });
  },
};
