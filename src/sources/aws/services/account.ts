import {
  AccountClient,
  type AlternateContactType,
  GetAlternateContactCommand,
} from "@aws-sdk/client-account";
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, DescribeAlarmsForMetricCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, paginateDescribeMetricFilters } from "@aws-sdk/client-cloudwatch-logs";
import {
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  paginateListEntitiesForPolicy,
  paginateListVirtualMFADevices,
} from "@aws-sdk/client-iam";
import { GetBucketLoggingCommand, S3Client } from "@aws-sdk/client-s3";
import { paginateListSubscriptionsByTopic, SNSClient } from "@aws-sdk/client-sns";
import type { ResourceItem } from "../../../scan/posture.js";
import type { AwsContext, AwsService } from "../context.js";
import { errorCode, isErrorMarker, orMarker } from "../errors.js";
import { all } from "./iam.js";
import { readOrganization } from "./organizations.js";

/** AWS-managed policies whose holders CIS asks about (2.15 support role, 2.20 CloudShell). */
const WATCHED_POLICIES = ["AWSSupportAccess", "AWSCloudShellFullAccess"];

/**
 * The account as one resource: root user, contacts, holders of watched
 * policies, and every trail with its CloudWatch monitoring chain (trail → log
 * group → metric filter → alarm → SNS topic with a subscriber). Also yields
 * the trails themselves as `aws.cloudtrail.trail`, since it reads them anyway.
 */
export const service: AwsService = {
  name: "account",
  scope: "global",
  async *collect(ctx: AwsContext, home: string): AsyncIterable<ResourceItem> {
    const iam = ctx.client(IAMClient, home);
    const [root, alternateContacts, identityProviders, organization, policyEntities, trails] =
      await Promise.all([
        rootUser(ctx, iam),
        contacts(ctx, home),
        federation(iam),
        readOrganization(ctx, home),
        orMarker("iam:ListEntitiesForPolicy", async () => {
          const out: Record<string, { users: string[]; groups: string[]; roles: string[] }> = {};
          for (const name of WATCHED_POLICIES) {
            const entities = { users: [] as string[], groups: [] as string[], roles: [] as string[] };
            const PolicyArn = `arn:${ctx.partition}:iam::aws:policy/${name}`;
            try {
              for await (const page of paginateListEntitiesForPolicy({ client: iam }, { PolicyArn })) {
                for (const u of page.PolicyUsers ?? []) if (u.UserName) entities.users.push(u.UserName);
                for (const g of page.PolicyGroups ?? []) if (g.GroupName) entities.groups.push(g.GroupName);
                for (const r of page.PolicyRoles ?? []) if (r.RoleName) entities.roles.push(r.RoleName);
              }
            } catch (error) {
              if (errorCode(error) !== "NoSuchEntity" && errorCode(error) !== "NoSuchEntityException")
                throw error;
            }
            out[name] = entities;
          }
          return out;
        }),
        collectTrails(ctx),
      ]);
    const trailSummaries = isErrorMarker(trails)
      ? trails
      : await orMarker("monitoring chain", () => Promise.all(trails.map((t) => summarizeTrail(ctx, t))));
    yield {
      resource: ctx.resource({
        type: "aws.account",
        id: `arn:${ctx.partition}:iam::${ctx.accountId}:root`,
        name: ctx.accountId,
        source: "account",
        properties: {
          accountId: ctx.accountId,
          root,
          alternateContacts,
          identityProviders,
          organization,
          policyEntities,
          trails: trailSummaries,
        },
      }),
    };
    if (isErrorMarker(trails)) {
      yield* ctx.collectionFailed({
        type: "aws.cloudtrail.trail",
        idPrefix: `arn:${ctx.partition}:cloudtrail:`,
        source: "cloudtrail",
        operation: "cloudtrail:DescribeTrails",
        error: { name: trails.error, message: trails.reason },
      });
      return;
    }
    for (const trail of trails) yield { resource: trail.resource };
  },
};

async function rootUser(ctx: AwsContext, iam: IAMClient) {
  return orMarker("iam:GetAccountSummary", async () => {
    const summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
    const mfaEnabled = summary.AccountMFAEnabled === 1;
    const virtual = await all(
      paginateListVirtualMFADevices({ client: iam }, { AssignmentStatus: "Assigned" }),
      (p) => p.VirtualMFADevices,
    );
    const rootArn = `arn:${ctx.partition}:iam::${ctx.accountId}:root`;
    const rootVirtual = virtual.some(
      (d) => d.User?.Arn === rootArn || (d.SerialNumber ?? "").endsWith(":mfa/root-account-mfa-device"),
    );
    const report = await credentialReportRoot(iam);
    return {
      accessKeysPresent: summary.AccountAccessKeysPresent === 1,
      mfaEnabled,
      hardwareMfa: mfaEnabled && !rootVirtual,
      ...report,
    };
  });
}

/** The root line of the credential report (generated on demand; IAM builds it asynchronously). */
async function credentialReportRoot(iam: IAMClient): Promise<Record<string, unknown>> {
  const read = await orMarker("iam:GetCredentialReport", async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const state = await iam.send(new GenerateCredentialReportCommand({}));
      if (state.State === "COMPLETE") break;
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
    const out = await iam.send(new GetCredentialReportCommand({}));
    return new TextDecoder().decode(out.Content ?? new Uint8Array());
  });
  if (typeof read !== "string") return { passwordLastUsed: read, accessKeyLastUsed: read };
  const [header, ...rows] = read.trim().split("\n");
  const columns = (header ?? "").split(",");
  const rootRow = rows.map((r) => r.split(",")).find((cells) => cells[0] === "<root_account>");
  if (!rootRow) return { passwordLastUsed: null, accessKeyLastUsed: null };
  const cell = (name: string) => {
    const value = rootRow[columns.indexOf(name)];
    return value && value !== "N/A" && value !== "no_information" && value !== "not_supported" ? value : null;
  };
  const keyDates = [cell("access_key_1_last_used_date"), cell("access_key_2_last_used_date")].filter(
    (v): v is string => v !== null,
  );
  return { passwordLastUsed: cell("password_last_used"), accessKeyLastUsed: keyDates.sort().at(-1) ?? null };
}

/** IAM identity providers: how people reach the account without IAM users (CIS 2.19). */
async function federation(iam: IAMClient) {
  const [saml, oidc] = await Promise.all([
    orMarker("iam:ListSAMLProviders", async () =>
      ((await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList ?? []).map((p) => ({
        arn: p.Arn,
      })),
    ),
    orMarker("iam:ListOpenIDConnectProviders", async () =>
      ((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? []).map(
        (p) => ({ arn: p.Arn }),
      ),
    ),
  ]);
  return { saml, oidc };
}

async function contacts(ctx: AwsContext, home: string) {
  const account = ctx.client(AccountClient, home);
  const read = (type: AlternateContactType) =>
    orMarker(`account:GetAlternateContact(${type})`, async () => {
      try {
        const c = (await account.send(new GetAlternateContactCommand({ AlternateContactType: type })))
          .AlternateContact;
        return c
          ? { name: c.Name, emailAddress: c.EmailAddress, phoneNumber: c.PhoneNumber, title: c.Title }
          : null;
      } catch (error) {
        if (errorCode(error) === "ResourceNotFoundException") return null;
        throw error;
      }
    });
  const [security, billing, operations] = await Promise.all([
    read("SECURITY"),
    read("BILLING"),
    read("OPERATIONS"),
  ]);
  return { security, billing, operations };
}

interface CollectedTrail {
  trail: Trail;
  region: string;
  isLogging: unknown;
  eventSelectors: unknown;
  advancedEventSelectors: unknown;
  resource: ReturnType<AwsContext["resource"]>;
}

async function collectTrails(ctx: AwsContext) {
  return orMarker("cloudtrail:DescribeTrails", async () => {
    const perRegion = await Promise.all(
      ctx.regions.map(async (region) => {
        const client = ctx.client(CloudTrailClient, region);
        const limiter = ctx.limiter("cloudtrail", region);
        const trails =
          (await client.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ?? [];
        return limiter.map(trails, async (trail): Promise<CollectedTrail> => {
          const TrailName = trail.TrailARN ?? trail.Name;
          const [isLogging, selectors, s3BucketLogging] = await Promise.all([
            orMarker("cloudtrail:GetTrailStatus", async () =>
              Boolean((await client.send(new GetTrailStatusCommand({ Name: TrailName }))).IsLogging),
            ),
            orMarker("cloudtrail:GetEventSelectors", async () => {
              const out = await client.send(new GetEventSelectorsCommand({ TrailName }));
              return {
                eventSelectors: (out.EventSelectors ?? []).map((s) => ({
                  readWriteType: s.ReadWriteType ?? "All",
                  includeManagementEvents: s.IncludeManagementEvents !== false,
                  dataResources: (s.DataResources ?? []).map((d) => ({
                    type: d.Type,
                    values: d.Values ?? [],
                  })),
                })),
                advancedEventSelectors: (out.AdvancedEventSelectors ?? []).map((s) => ({
                  name: s.Name,
                  fieldSelectors: (s.FieldSelectors ?? []).map((f) => ({
                    field: f.Field,
                    ...(f.Equals ? { equals: f.Equals } : {}),
                    ...(f.StartsWith ? { startsWith: f.StartsWith } : {}),
                    ...(f.EndsWith ? { endsWith: f.EndsWith } : {}),
                    ...(f.NotEquals ? { notEquals: f.NotEquals } : {}),
                    ...(f.NotStartsWith ? { notStartsWith: f.NotStartsWith } : {}),
                    ...(f.NotEndsWith ? { notEndsWith: f.NotEndsWith } : {}),
                  })),
                })),
              };
            }),
            bucketLogging(ctx, trail.S3BucketName),
          ]);
          const eventSelectors = isErrorMarker(selectors) ? selectors : selectors.eventSelectors;
          const advancedEventSelectors = isErrorMarker(selectors)
            ? selectors
            : selectors.advancedEventSelectors;
          const resource = ctx.resource({
            type: "aws.cloudtrail.trail",
            id: trail.TrailARN ?? ctx.arn("cloudtrail", region, `trail/${trail.Name}`),
            name: trail.Name ?? "",
            region: trail.HomeRegion ?? region,
            source: "cloudtrail",
            properties: {
              name: trail.Name,
              homeRegion: trail.HomeRegion ?? region,
              isMultiRegionTrail: trail.IsMultiRegionTrail === true,
              isOrganizationTrail: trail.IsOrganizationTrail === true,
              logFileValidationEnabled: trail.LogFileValidationEnabled === true,
              kmsKeyId: trail.KmsKeyId ?? null,
              s3BucketName: trail.S3BucketName ?? null,
              s3BucketLogging,
              cloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn ?? null,
              includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents === true,
              isLogging,
              eventSelectors,
              advancedEventSelectors,
            },
          });
          return { trail, region, isLogging, eventSelectors, advancedEventSelectors, resource };
        });
      }),
    );
    return perRegion.flat();
  });
}

/**
 * Server access logging of the trail's bucket (CIS 4.4), read here because the
 * bucket may live in another account (a central log archive) that the S3
 * listing of this account does not see; then the call is denied and the
 * marker makes the check report an error.
 */
async function bucketLogging(ctx: AwsContext, bucket: string | undefined) {
  if (!bucket) return null;
  return orMarker("s3:GetBucketLogging", async () => {
    const s3 = ctx.client(S3Client, ctx.homeRegion, {
      forcePathStyle: Boolean(ctx.settings.endpoint),
      followRegionRedirects: true,
    });
    const out = await s3.send(new GetBucketLoggingCommand({ Bucket: bucket }));
    const target = out.LoggingEnabled;
    return target?.TargetBucket
      ? { targetBucket: target.TargetBucket, targetPrefix: target.TargetPrefix ?? "" }
      : null;
  });
}

/** One trail as the account's monitoring checks read it. */
async function summarizeTrail(ctx: AwsContext, t: CollectedTrail) {
  const props = t.resource.properties;
  return {
    trailArn: t.resource.id,
    homeRegion: props.homeRegion,
    isMultiRegionTrail: props.isMultiRegionTrail,
    isLogging: t.isLogging,
    eventSelectors: t.eventSelectors,
    advancedEventSelectors: t.advancedEventSelectors,
    cloudWatchLogsLogGroupArn: props.cloudWatchLogsLogGroupArn,
    metricFilters: props.cloudWatchLogsLogGroupArn
      ? await orMarker("monitoring chain", () => metricFilters(ctx, String(props.cloudWatchLogsLogGroupArn)))
      : [],
  };
}

/** arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*] → region and name. */
function parseLogGroupArn(arn: string): { region: string; name: string } | undefined {
  const match = /^arn:[^:]+:logs:([^:]+):[^:]*:log-group:(.+?)(:\*)?$/.exec(arn);
  return match ? { region: match[1] as string, name: match[2] as string } : undefined;
}

async function metricFilters(ctx: AwsContext, logGroupArn: string) {
  const group = parseLogGroupArn(logGroupArn);
  if (!group) return [];
  const logs = ctx.client(CloudWatchLogsClient, group.region);
  const cloudwatch = ctx.client(CloudWatchClient, group.region);
  const sns = ctx.client(SNSClient, group.region);
  const limiter = ctx.limiter("monitoring", group.region);
  const filters = await all(
    paginateDescribeMetricFilters({ client: logs }, { logGroupName: group.name }),
    (p) => p.metricFilters,
  );
  const subscribed = new Map<string, Promise<boolean>>();
  const hasSubscriber = (TopicArn: string) => {
    let known = subscribed.get(TopicArn);
    if (!known) {
      known = limiter.run(async () => {
        try {
          const subs = await all(
            paginateListSubscriptionsByTopic({ client: sns }, { TopicArn }),
            (p) => p.Subscriptions,
          );
          return subs.some((s) => s.SubscriptionArn && s.SubscriptionArn !== "PendingConfirmation");
        } catch (error) {
          if (errorCode(error) === "NotFound" || errorCode(error) === "NotFoundException") return false;
          throw error;
        }
      });
      subscribed.set(TopicArn, known);
    }
    return known;
  };
  return Promise.all(
    filters.map(async (filter) => {
      const transformation = filter.metricTransformations?.[0];
      const alarms = transformation
        ? ((
            await limiter.run(() =>
              cloudwatch.send(
                new DescribeAlarmsForMetricCommand({
                  MetricName: transformation.metricName,
                  Namespace: transformation.metricNamespace,
                }),
              ),
            )
          ).MetricAlarms ?? [])
        : [];
      return {
        filterName: filter.filterName,
        filterPattern: filter.filterPattern ?? "",
        metricName: transformation?.metricName ?? null,
        metricNamespace: transformation?.metricNamespace ?? null,
        alarms: await Promise.all(
          alarms.map(async (alarm) => {
            const actions = alarm.AlarmActions ?? [];
            const topics = actions.filter((a) => a.includes(":sns:"));
            const subscribedTopics: string[] = [];
            for (const topic of topics) if (await hasSubscriber(topic)) subscribedTopics.push(topic);
            return { alarmName: alarm.AlarmName, alarmActions: actions, subscribedTopics };
          }),
        ),
      };
    }),
  );
}
