import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.sql.no-allow-all-firewall",
  title: "SQL server firewall does not allow every IPv4 address",
  description: "A firewall rule from 0.0.0.0 to 255.255.255.255 opens the server to the whole internet.",
  severity: "high",
  resourceTypes: ["azure.sql.server"],
  remediation:
    "Remove the rule and allow only the address ranges that need access, or use private endpoints.",
  references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/security-best-practice"],
  fixes: {
    arm: '"startIpAddress": "203.0.113.10", "endIpAddress": "203.0.113.10"',
    terraform: 'start_ip_address = "203.0.113.10"',
  },
  evaluate(resource) {
    const rules = resource.properties.firewallRules;
    if (isUnknown(rules))
      return notApplicable("the firewall rules are not known at scan time", {
        path: "firewallRules",
        actual: rules,
      });
    const results: CheckResult[] = [];
    (Array.isArray(rules)
      ? (rules as { name?: unknown; startIpAddress?: unknown; endIpAddress?: unknown }[])
      : []
    ).forEach((rule, i) => {
      if (rule.startIpAddress === "0.0.0.0" && rule.endIpAddress === "255.255.255.255")
        results.push(
          fail(
            `firewall rule ${String(rule.name)} allows every IPv4 address`,
            {
              path: `firewallRules[${i}]`,
              actual: rule,
              expected: "only known address ranges",
            },
            `rule:${String(rule.name)}`,
          ),
        );
      else if (isUnknown(rule.startIpAddress) || isUnknown(rule.endIpAddress))
        results.push(
          notApplicable(
            `firewall rule ${String(rule.name)} is not known at scan time`,
            { path: `firewallRules[${i}]`, actual: rule },
            `rule:${String(rule.name)}`,
          ),
        );
    });
    return results.length > 0
      ? results
      : [pass("no firewall rule allows every address", { path: "firewallRules" })];
  },
});
