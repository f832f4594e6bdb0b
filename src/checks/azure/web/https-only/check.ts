import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.web.https-only",
  title: "App Service app redirects HTTP to HTTPS",
  description:
    "Without HTTPS only, the app answers plain HTTP and cookies or tokens can be read on the wire.",
  severity: "high",
  resourceTypes: ["azure.web.app"],
  remediation: "Set httpsOnly to true.",
  references: ["https://learn.microsoft.com/en-us/azure/app-service/overview-security"],
  fixes: {
    arm: '"httpsOnly": true',
    terraform: "https_only = true",
  },
  evaluate(resource) {
    return requireSetting(resource, "httpsOnly", (v) => v === true, {
      ok: "HTTPS only is on",
      bad: (value) => `HTTPS only is ${describe(value)}`,
      expected: true,
    });
  },
});
