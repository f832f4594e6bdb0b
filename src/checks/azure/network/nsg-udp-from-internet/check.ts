import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";

/** Sources that mean "anyone on the internet" in an NSG rule. */
const INTERNET = new Set(["*", "internet", "any", "0.0.0.0", "0.0.0.0/0", "::/0"]);

interface Rule {
  name?: unknown;
  direction?: unknown;
  access?: unknown;
  protocol?: unknown;
  sourceAddressPrefixes?: unknown;
  destinationPortRanges?: unknown;
}

export default defineCheck({
  id: "azure.network.nsg-udp-from-internet",
  title: "NSG does not allow UDP from the internet",
  description:
    "UDP services open to the internet (DNS, NTP, SSDP, SNMP, CLDAP) are used as amplifiers in reflection DDoS attacks.",
  severity: "medium",
  resourceTypes: ["azure.network.nsg"],
  remediation:
    "Remove inbound Allow rules for UDP (or any protocol) from the internet, or restrict their source.",
  references: ["https://learn.microsoft.com/en-us/azure/security/fundamentals/ddos-best-practices"],
  evaluate(resource) {
    const rules = resource.properties.securityRules;
    if (isUnknown(rules))
      return notApplicable("the security rules are not known", { path: "securityRules", actual: rules });
    const results: CheckResult[] = [];
    (Array.isArray(rules) ? (rules as Rule[]) : []).forEach((rule, i) => {
      if (
        isUnknown(rule) ||
        String(rule.direction).toLowerCase() !== "inbound" ||
        String(rule.access).toLowerCase() !== "allow"
      )
        return;
      const protocol = String(rule.protocol ?? "*").toLowerCase();
      if (protocol !== "udp" && protocol !== "*") return;
      const sources = Array.isArray(rule.sourceAddressPrefixes) ? rule.sourceAddressPrefixes : [];
      if (sources.some(isUnknown)) {
        results.push(
          notApplicable(
            `rule ${String(rule.name)} has a source not known at scan time`,
            { path: `securityRules[${i}]`, actual: rule },
            `rule:${String(rule.name)}`,
          ),
        );
        return;
      }
      if (!sources.some((s) => typeof s === "string" && INTERNET.has(s.toLowerCase()))) return;
      results.push(
        fail(
          `inbound rule ${String(rule.name)} allows ${protocol === "*" ? "any protocol, UDP included," : "UDP"} from the internet`,
          { path: `securityRules[${i}]`, actual: rule, expected: "no inbound UDP rule from the internet" },
          `rule:${String(rule.name)}`,
        ),
      );
    });
    return results.length > 0
      ? results
      : [pass("no inbound rule allows UDP from the internet", { path: "securityRules" })];
  },
});
