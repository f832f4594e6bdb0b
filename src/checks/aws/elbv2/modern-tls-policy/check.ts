import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { listenersOf } from "../listeners.js";

/** What CreateListener picks when an HTTPS/TLS listener names no policy. */
const API_DEFAULT_POLICY = "ELBSecurityPolicy-2016-08";

/** Predefined policies that still accept TLS 1.0 or 1.1. */
function allowsOldTls(policy: string): boolean {
  return (
    policy === "ELBSecurityPolicy-2016-08" ||
    policy === "ELBSecurityPolicy-2015-05" ||
    policy === "ELBSecurityPolicy-FS-2018-06" ||
    /-TLS(13)?-1-[01]-/.test(policy) ||
    /-FS-1-1-/.test(policy)
  );
}

export default defineCheck({
  id: "aws.elbv2.modern-tls-policy",
  title: "HTTPS and TLS listeners require TLS 1.2 or later",
  description:
    "TLS 1.0 and 1.1 are deprecated (RFC 8996); a listener whose security policy still accepts them lets clients negotiate weak protocol versions and ciphers.",
  severity: "medium",
  resourceTypes: ["aws.elbv2.load-balancer"],
  remediation:
    "Set the listener's security policy to a TLS 1.2+ policy such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.",
  references: [
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
  ],
  fixes: {
    terraform:
      'resource "aws_lb_listener" "https" {\n  protocol   = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n}',
    cloudformation:
      "Type: AWS::ElasticLoadBalancingV2::Listener\nProperties:\n  Protocol: HTTPS\n  SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06",
  },
  evaluate(resource) {
    const listeners = listenersOf(resource);
    if (isUnknown(listeners))
      return notApplicable("the listeners are not known", { path: "listeners", actual: listeners });
    const results: CheckResult[] = [];
    for (const { key, index, listener } of listeners) {
      const path = `listeners[${index}].sslPolicy`;
      if (isUnknown(listener.protocol)) {
        results.push(
          notApplicable("the listener protocol is not known", { path: `listeners[${index}].protocol` }, key),
        );
        continue;
      }
      if (listener.protocol !== "HTTPS" && listener.protocol !== "TLS") continue;
      const policy = listener.sslPolicy ?? API_DEFAULT_POLICY;
      if (isUnknown(policy)) {
        results.push(notApplicable("the security policy is not known", { path, actual: policy }, key));
        continue;
      }
      if (typeof policy === "string" && allowsOldTls(policy))
        results.push(
          fail(
            "the security policy still accepts TLS 1.0/1.1",
            { path, actual: policy, expected: "a TLS 1.2+ policy" },
            key,
          ),
        );
      else results.push(pass("the security policy requires TLS 1.2 or later", { path, actual: policy }, key));
    }
    return results.length > 0 ? results : notApplicable("the load balancer has no HTTPS or TLS listener");
  },
});
