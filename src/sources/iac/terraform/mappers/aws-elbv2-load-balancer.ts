/** aws.elbv2.load-balancer from aws_lb/aws_alb, with aws_lb_listener/aws_alb_listener joined by load_balancer_arn. */
import { isUnknown } from "../../../../model/index.js";
import { asBool, fields, first, nameOf, port, stringTags, type TfMapper } from "./common.js";
import type { TfResourceInput } from "./input.js";

function blocks(value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

function listenerOf(listener: TfResourceInput): Record<string, unknown> {
  const v = listener.values;
  const actions = blocks(v.default_action);
  return {
    port: port(v.port) ?? null,
    protocol: v.protocol ?? null,
    sslPolicy: v.ssl_policy ?? null,
    defaultActions: isUnknown(actions)
      ? actions
      : (actions as unknown[]).map((a) => {
          const action = first(a) ?? {};
          const redirect = first(action.redirect);
          return {
            type: action.type ?? null,
            ...(redirect ? { redirect: { protocol: redirect.protocol ?? "#{protocol}" } } : {}),
          };
        }),
  };
}

export const elbv2LoadBalancerMapper: TfMapper = {
  canonicalType: "aws.elbv2.load-balancer",
  parentTypes: ["aws_lb", "aws_alb"],
  companions: { aws_lb_listener: "load_balancer_arn", aws_alb_listener: "load_balancer_arn" },
  linkKeys: (lb) => [lb.values.arn, lb.values.id],
  build(lb, companions, props) {
    const base = fields(lb, props, [
      ["type", "load_balancer_type", "application"],
      ["internal", "internal", false, asBool],
      // The provider leaves access logs off unless `enabled = true`, even when a bucket is set.
      ["accessLogs.enabled", "access_logs.0.enabled", false, asBool],
      ["accessLogs.bucket", "access_logs.0.bucket"],
      ["deletionProtection", "enable_deletion_protection", false, asBool],
    ]);
    const listeners = [
      ...(companions.get("aws_lb_listener") ?? []),
      ...(companions.get("aws_alb_listener") ?? []),
    ];
    if (listeners[0]) props.add("listeners", listeners[0]);
    const internal = base.internal;
    return {
      type: "aws.elbv2.load-balancer",
      name: nameOf(lb, "name"),
      tags: stringTags(lb.values.tags),
      properties: {
        type: base.type,
        scheme: isUnknown(internal) ? internal : internal === true ? "internal" : "internet-facing",
        accessLogs: { enabled: base["accessLogs.enabled"], bucket: base["accessLogs.bucket"] },
        deletionProtection: base.deletionProtection,
        listeners: listeners.map(listenerOf),
      },
    };
  },
};
