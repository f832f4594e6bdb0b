import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { listenersOf } from "../listeners.js";

export default defineCheck({
  id: "aws.elbv2.http-redirects-to-https",
  title: "HTTP listeners redirect to HTTPS",
  description:
    "A plain-HTTP listener that serves content lets credentials and session cookies cross the network in clear text; it should only answer with a redirect to HTTPS.",
  severity: "medium",
  resourceTypes: ["aws.elbv2.load-balancer"],
  remediation: "Make every HTTP listener's default action a redirect with protocol HTTPS (status HTTP_301).",
  references: [
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions",
  ],
  fixes: {
    terraform:
      'resource "aws_lb_listener" "http" {\n  port     = 80\n  protocol = "HTTP"\n  default_action {\n    type = "redirect"\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n}',
    cloudformation:
      'Type: AWS::ElasticLoadBalancingV2::Listener\nProperties:\n  Port: 80\n  Protocol: HTTP\n  DefaultActions:\n    - Type: redirect\n      RedirectConfig:\n        Protocol: HTTPS\n        Port: "443"\n        StatusCode: HTTP_301',
  },
  evaluate(resource) {
    const listeners = listenersOf(resource);
    if (isUnknown(listeners))
      return notApplicable("the listeners are not known", { path: "listeners", actual: listeners });
    const results: CheckResult[] = [];
    for (const { key, index, listener } of listeners) {
      const path = `listeners[${index}]`;
      if (isUnknown(listener.protocol)) {
        results.push(notApplicable("the listener protocol is not known", { path: `${path}.protocol` }, key));
        continue;
      }
      if (listener.protocol !== "HTTP") continue;
      const actions = listener.defaultActions;
      if (isUnknown(actions) || !Array.isArray(actions)) {
        results.push(
          notApplicable("the listener's actions are not known", { path: `${path}.defaultActions` }, key),
        );
        continue;
      }
      const protocols = actions
        .filter((a) => (a as { type?: unknown }).type === "redirect")
        .map((a) => (a as { redirect?: { protocol?: unknown } }).redirect?.protocol);
      if (protocols.some(isUnknown))
        results.push(
          notApplicable("the redirect protocol is not known", { path: `${path}.defaultActions` }, key),
        );
      else if (protocols.includes("HTTPS"))
        results.push(
          pass(
            "the HTTP listener redirects to HTTPS",
            { path: `${path}.defaultActions`, actual: "HTTPS" },
            key,
          ),
        );
      else
        results.push(
          fail(
            "the HTTP listener serves traffic without redirecting to HTTPS",
            { path: `${path}.defaultActions`, actual: actions, expected: "a redirect to HTTPS" },
            key,
          ),
        );
    }
    return results.length > 0 ? results : notApplicable("the load balancer has no HTTP listener");
  },
});
