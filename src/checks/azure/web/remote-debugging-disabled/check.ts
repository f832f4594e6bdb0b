import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.web.remote-debugging-disabled",
  title: "App Service app has remote debugging off",
  description:
    "Remote debugging opens extra inbound ports and is meant for short sessions; left on, it widens the attack surface of a production app.",
  severity: "medium",
  resourceTypes: ["azure.web.app"],
  remediation: "Set siteConfig.remoteDebuggingEnabled to false.",
  references: ["https://learn.microsoft.com/en-us/azure/app-service/overview-security"],
  fixes: {
    arm: '"siteConfig": { "remoteDebuggingEnabled": false }',
    terraform: "site_config { remote_debugging_enabled = false }",
  },
  evaluate(resource) {
    return requireSetting(resource, "siteConfig.remoteDebuggingEnabled", (v) => v === false, {
      ok: "remote debugging is off",
      bad: (value) => `remote debugging is ${describe(value)}`,
      expected: false,
    });
  },
});
