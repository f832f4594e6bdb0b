import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.appgw-http2",
  title: "Application Gateway accepts HTTP/2",
  description:
    "HTTP/2 is only spoken over TLS and removes several HTTP/1.1 request smuggling vectors on the client side.",
  severity: "low",
  resourceTypes: ["azure.network.application-gateway"],
  remediation: "Set enableHttp2 to true.",
  references: [
    "https://learn.microsoft.com/en-us/azure/application-gateway/features#websocket-and-http2-traffic",
  ],
  fixes: {
    arm: '"enableHttp2": true',
    terraform: "enable_http2 = true",
  },
  evaluate(resource) {
    const value = getPath(resource.properties, "enableHttp2");
    if (isUnknown(value))
      return notApplicable("enableHttp2 is not known", { path: "enableHttp2", actual: value });
    if (value === true) return pass("HTTP/2 is enabled", { path: "enableHttp2", actual: true });
    return fail("HTTP/2 is disabled", { path: "enableHttp2", actual: value ?? null, expected: true });
  },
});
