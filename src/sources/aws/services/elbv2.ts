import {
  type Action,
  DescribeLoadBalancerAttributesCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  type Listener,
  type LoadBalancer,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { unknown } from "../../../model/index.js";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, tagMap } from "../context.js";
import { type ErrorMarker, isErrorMarker, orMarker } from "../errors.js";
import { chunks, missingField } from "./markers.js";

const TYPE = "aws.elbv2.load-balancer";
const ATTRIBUTES = "elasticloadbalancing:DescribeLoadBalancerAttributes";

function actionOf(action: Action): Record<string, unknown> {
  const redirect = action.RedirectConfig;
  return {
    type: action.Type ?? null,
    // A redirect without a protocol keeps the request's, as in the IaC mappers.
    ...(redirect ? { redirect: { protocol: redirect.Protocol ?? "#{protocol}" } } : {}),
  };
}

function listenerOf(listener: Listener): Record<string, unknown> {
  const actions = [...(listener.DefaultActions ?? [])].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0));
  return {
    port: listener.Port ?? null,
    protocol: listener.Protocol ?? null,
    sslPolicy: listener.SslPolicy ?? null,
    defaultActions: actions.map(actionOf),
  };
}

/** accessLogs and deletionProtection from the attribute list (values are the strings "true"/"false"). */
function fromAttributes(
  lb: LoadBalancer,
  attributes: Record<string, string> | ErrorMarker,
): Record<string, unknown> {
  if (isErrorMarker(attributes))
    return {
      accessLogs: { enabled: attributes, bucket: attributes },
      deletionProtection: attributes,
    };
  const flag = (key: string) =>
    key in attributes ? attributes[key] === "true" : missingField(ATTRIBUTES, key);
  return {
    // Gateway load balancers have no access logs at all: not a finding either way.
    accessLogs:
      lb.Type === "gateway"
        ? { enabled: unknown("gateway load balancers write no access logs"), bucket: null }
        : { enabled: flag("access_logs.s3.enabled"), bucket: attributes["access_logs.s3.bucket"] || null },
    deletionProtection: flag("deletion_protection.enabled"),
  };
}

/** Tags of every load balancer, 20 ARNs per DescribeTags call; a failed call leaves those untagged. */
async function tagsOf(
  client: ElasticLoadBalancingV2Client,
  ctx: AwsContext,
  region: string,
  arns: string[],
): Promise<Map<string, Record<string, string>>> {
  const limiter = ctx.limiter("elbv2", region);
  const tags = new Map<string, Record<string, string>>();
  await limiter.map(chunks(arns, 20), async (batch) => {
    const out = await orMarker("elasticloadbalancing:DescribeTags", () =>
      client.send(new DescribeTagsCommand({ ResourceArns: batch })),
    );
    if (isErrorMarker(out)) return;
    for (const entry of out.TagDescriptions ?? [])
      if (entry.ResourceArn) tags.set(entry.ResourceArn, tagMap(entry.Tags));
  });
  return tags;
}

export const service: AwsService = {
  name: "elbv2",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const elb = ctx.client(ElasticLoadBalancingV2Client, region);
    const balancers: LoadBalancer[] = [];
    try {
      for await (const page of paginateDescribeLoadBalancers({ client: elb, pageSize: 400 }, {}))
        balancers.push(...(page.LoadBalancers ?? []));
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("elasticloadbalancing", region, "loadbalancer/"),
        region,
        source: "elbv2",
        operation: "elasticloadbalancing:DescribeLoadBalancers",
        error,
      });
      return;
    }
    const limiter = ctx.limiter("elbv2", region);
    const arns = balancers.map((lb) => lb.LoadBalancerArn as string);
    const tags = await tagsOf(elb, ctx, region, arns);
    const resources = await Promise.all(
      balancers.map(async (lb) => {
        const arn = lb.LoadBalancerArn as string;
        const [attributes, listeners] = await Promise.all([
          limiter.run(() =>
            orMarker(ATTRIBUTES, async () => {
              const out = await elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }));
              const map: Record<string, string> = {};
              for (const a of out.Attributes ?? []) if (a.Key) map[a.Key] = a.Value ?? "";
              return map;
            }),
          ),
          limiter.run(() =>
            orMarker("elasticloadbalancing:DescribeListeners", async () => {
              const out: Record<string, unknown>[] = [];
              for await (const page of paginateDescribeListeners(
                { client: elb, pageSize: 400 },
                { LoadBalancerArn: arn },
              ))
                out.push(...(page.Listeners ?? []).map(listenerOf));
              return out;
            }),
          ),
        ]);
        return ctx.resource({
          type: TYPE,
          id: arn,
          name: lb.LoadBalancerName ?? arn,
          region,
          source: "elbv2",
          tags: tags.get(arn) ?? {},
          properties: {
            type: lb.Type ?? "application",
            scheme: lb.Scheme ?? null,
            ...fromAttributes(lb, attributes),
            listeners,
          },
        });
      }),
    );
    for (const resource of resources) yield { resource };
  },
};
