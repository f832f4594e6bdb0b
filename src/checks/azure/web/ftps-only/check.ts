import { defineCheck } from "../../../check.js";
import { describe, requireSetting } from "../../lib/setting.js";

export default defineCheck({
  id: "azure.web.ftps-only",
  title: "App Service app does not accept plain FTP",
  description: "Plain FTP sends deployment credentials and content unencrypted.",
  severity: "medium",
  resourceTypes: ["azure.web.app"],
  remediation: "Set siteConfig.ftpsState to Disabled, or FtpsOnly when FTP deployment is needed.",
  references: ["https://learn.microsoft.com/en-us/azure/app-service/overview-security"],
  fixes: {
    arm: '"siteConfig": { "ftpsState": "Disabled" }',
    terraform: 'site_config { ftps_state = "Disabled" }',
  },
  evaluate(resource) {
    return requireSetting(resource, "siteConfig.ftpsState", (v) => v === "Disabled" || v === "FtpsOnly", {
      ok: "plain FTP is not accepted",
      bad: (value) => `the FTP state is ${describe(value)}`,
      expected: "Disabled | FtpsOnly",
    });
  },
});
