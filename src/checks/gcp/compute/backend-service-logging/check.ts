import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.compute.backend-service-logging",
  title: "HTTP(S) load balancer backend logs requests",
  description:
    "Load balancer request logs show who reached the application, from where, and with what result.",
  severity: "low",
  resourceTypes: ["gcp.compute.backend-service"],
  remediation:
    "Enable logging on the backend service (gcloud compute backend-services update NAME --enable-logging --logging-sample-rate=1).",
  references: ["https://cloud.google.com/load-balancing/docs/https/https-logging-monitoring"],
  evaluate(resource) {
    const value = getPath(resource.properties, "logConfig");
    if (isUnknown(value))
      return notApplicable("logConfig is not known", { path: "logConfig", actual: value });
    const protocol = getPath(resource.properties, "protocol");
    if (isUnknown(protocol))
      return notApplicable("the protocol is not known", { path: "protocol", actual: protocol });
    if (!["HTTP", "HTTPS", "HTTP2"].includes(String(protocol ?? "HTTP")))
      return notApplicable(`a ${String(protocol)} backend is not behind an HTTP(S) load balancer`, {
        path: "protocol",
        actual: protocol,
      });
    if ((value as { enable?: unknown } | null)?.enable === true)
      return pass("request logging is on", { path: "logConfig.enable", actual: true });
    return fail("request logging is off", {
      path: "logConfig.enable",
      actual: (value as { enable?: unknown } | null)?.enable ?? null,
      expected: true,
    });
  },
});
