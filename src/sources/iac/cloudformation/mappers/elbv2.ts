/** aws.elbv2.load-balancer from AWS::ElasticLoadBalancingV2::LoadBalancer, with its Listeners joined by LoadBalancerArn. */
import { isUnknown } from "../../../../model/index.js";
import { bool, type CfnMapper, list, nameOf, num, prop, type SourceResource, tagsOf } from "./context.js";

/** The value of one `LoadBalancerAttributes` entry; unknown when the list is. */
function attribute(lb: SourceResource, key: string): unknown {
  const attrs = list(prop(lb, "LoadBalancerAttributes"));
  if (isUnknown(attrs)) return attrs;
  const entry = attrs.find((a) => (a as { Key?: unknown })?.Key === key) as { Value?: unknown } | undefined;
  return entry?.Value;
}

function listenerOf(listener: SourceResource): Record<string, unknown> {
  const actions = list(prop(listener, "DefaultActions"));
  return {
    port: num(prop(listener, "Port")) ?? null,
    protocol: prop(listener, "Protocol") ?? null,
    sslPolicy: prop(listener, "SslPolicy") ?? null,
    defaultActions: isUnknown(actions)
      ? actions
      : actions.map((a) => {
          const action = (a ?? {}) as Record<string, unknown>;
          const redirect = action.RedirectConfig as Record<string, unknown> | undefined;
          return {
            type: action.Type ?? null,
            ...(redirect ? { redirect: { protocol: redirect.Protocol ?? "#{protocol}" } } : {}),
          };
        }),
  };
}

export const elbv2LoadBalancerMapper: CfnMapper = {
  canonicalType: "aws.elbv2.load-balancer",
  cfnType: "AWS::ElasticLoadBalancingV2::LoadBalancer",
  companions: {
    "AWS::ElasticLoadBalancingV2::Listener": (listener, ctx) => ctx.refTarget(listener.raw.LoadBalancerArn),
  },
  map(lb, companions, ctx) {
    ctx.at("type", lb, "Type");
    ctx.at("scheme", lb, "Scheme");
    ctx.at("accessLogs.enabled", lb, "LoadBalancerAttributes");
    ctx.at("deletionProtection", lb, "LoadBalancerAttributes");
    const listeners = companions.filter((c) => c.type === "AWS::ElasticLoadBalancingV2::Listener");
    if (listeners[0]) ctx.at("listeners", listeners[0], "Protocol");
    return {
      name: nameOf(lb, "Name"),
      properties: {
        type: prop(lb, "Type") ?? "application",
        scheme: prop(lb, "Scheme") ?? "internet-facing",
        accessLogs: {
          enabled: bool(attribute(lb, "access_logs.s3.enabled")) ?? false,
          bucket: attribute(lb, "access_logs.s3.bucket") ?? null,
        },
        deletionProtection: bool(attribute(lb, "deletion_protection.enabled")) ?? false,
        listeners: listeners.map(listenerOf),
      },
      tags: tagsOf(prop(lb, "Tags")),
    };
  },
};
