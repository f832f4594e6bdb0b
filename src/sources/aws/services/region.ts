import { AccessAnalyzerClient, paginateListAnalyzers } from "@aws-sdk/client-accessanalyzer";
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
} from "@aws-sdk/client-config-service";
import {
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  GetInstanceMetadataDefaultsCommand,
} from "@aws-sdk/client-ec2";
import { GetMacieSessionCommand, Macie2Client } from "@aws-sdk/client-macie2";
import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, iso } from "../context.js";
import { errorCode, errorMessage, orMarker } from "../errors.js";
import { all } from "./iam.js";

/** Settings that exist once per account and region, as one `aws.region-settings` resource. */
export const service: AwsService = {
  name: "region",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const ec2 = ctx.client(EC2Client, region);
    const limiter = ctx.limiter("region", region);
    const read = <T>(operation: string, call: () => Promise<T>) =>
      limiter.run(() => orMarker(operation, call));
    const [
      ebsEncryptionByDefault,
      ebsDefaultKmsKeyId,
      instanceMetadataDefaults,
      accessAnalyzers,
      configRecorders,
      securityHub,
      macie,
    ] = await Promise.all([
      read("ec2:GetEbsEncryptionByDefault", async () =>
        Boolean((await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault),
      ),
      read(
        "ec2:GetEbsDefaultKmsKeyId",
        async () => (await ec2.send(new GetEbsDefaultKmsKeyIdCommand({}))).KmsKeyId ?? null,
      ),
      read("ec2:GetInstanceMetadataDefaults", async () => {
        const d = (await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel;
        return d && Object.keys(d).length > 0
          ? {
              httpTokens: d.HttpTokens ?? null,
              httpPutResponseHopLimit: d.HttpPutResponseHopLimit ?? null,
              httpEndpoint: d.HttpEndpoint ?? null,
              instanceMetadataTags: d.InstanceMetadataTags ?? null,
            }
          : null;
      }),
      read("access-analyzer:ListAnalyzers", async () => {
        const client = ctx.client(AccessAnalyzerClient, region);
        const analyzers = await all(paginateListAnalyzers({ client }, {}), (p) => p.analyzers);
        return analyzers.map((a) => ({ arn: a.arn, name: a.name, type: a.type, status: a.status }));
      }),
      read("config:DescribeConfigurationRecorders", async () => {
        const client = ctx.client(ConfigServiceClient, region);
        const recorders =
          (await client.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? [];
        const statuses =
          recorders.length === 0
            ? []
            : ((await client.send(new DescribeConfigurationRecorderStatusCommand({})))
                .ConfigurationRecordersStatus ?? []);
        return recorders.map((r) => {
          const status = statuses.find((s) => s.name === r.name);
          return {
            name: r.name,
            roleArn: r.roleARN ?? null,
            recordingGroup: {
              allSupported: r.recordingGroup?.allSupported ?? true,
              includeGlobalResourceTypes: r.recordingGroup?.includeGlobalResourceTypes === true,
            },
            recording: status?.recording === true,
            lastStatus: status?.lastStatus ?? null,
          };
        });
      }),
      read("securityhub:DescribeHub", async () => {
        const client = ctx.client(SecurityHubClient, region);
        try {
          const hub = await client.send(new DescribeHubCommand({}));
          return { hubArn: hub.HubArn ?? null, subscribedAt: hub.SubscribedAt ?? null };
        } catch (error) {
          // Security Hub answers "not subscribed" with these when it is off in the region.
          if (["InvalidAccessException", "ResourceNotFoundException"].includes(errorCode(error))) return null;
          throw error;
        }
      }),
      read("macie2:GetMacieSession", async () => {
        const client = ctx.client(Macie2Client, region);
        try {
          const session = await client.send(new GetMacieSessionCommand({}));
          return { status: session.status ?? null, createdAt: iso(session.createdAt) };
        } catch (error) {
          // Macie answers "not enabled" in the region with these; any other denial stays an error.
          if (errorCode(error) === "ResourceNotFoundException") return null;
          if (errorCode(error) === "AccessDeniedException" && /not enabled/i.test(errorMessage(error)))
            return null;
          throw error;
        }
      }),
    ]);
    yield {
      resource: ctx.resource({
        type: "aws.region-settings",
        id: `arn:${ctx.partition}::${region}:${ctx.accountId}:region-settings`,
        name: region,
        region,
        source: "region",
        properties: {
          regionName: region,
          ebsEncryptionByDefault,
          ebsDefaultKmsKeyId,
          instanceMetadataDefaults,
          accessAnalyzers,
          configRecorders,
          securityHub,
          macie,
        },
      }),
    };
  },
};
