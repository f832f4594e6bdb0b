import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "azure.network.waf-bot-protection",
  title: "Application Gateway WAF policy blocks known bad bots",
  description:
    "The Microsoft bot manager rule set blocks requests from IP addresses known to run malicious bots.",
  severity: "low",
  resourceTypes: ["azure.network.waf-policy"],
  remediation:
    "Add the Microsoft_BotManagerRuleSet managed rule set to the WAF policy and keep its KnownBadBots group enabled.",
  references: ["https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/bot-protection-overview"],
  evaluate(resource) {
    const value = getPath(resource.properties, "managedRuleSets");
    if (isUnknown(value))
      return notApplicable("managedRuleSets is not known", { path: "managedRuleSets", actual: value });
    const sets = (Array.isArray(value) ? value : []) as {
      ruleSetType?: unknown;
      ruleGroupOverrides?: { ruleGroupName?: unknown; rules?: { state?: unknown }[] }[];
    }[];
    const bots = sets.find((r) => r?.ruleSetType === "Microsoft_BotManagerRuleSet");
    const disabled = bots?.ruleGroupOverrides?.some(
      (g) => g?.ruleGroupName === "KnownBadBots" && (g.rules ?? []).some((r) => r?.state === "Disabled"),
    );
    if (bots && !disabled) return pass("the bot manager rule set is active", { path: "managedRuleSets" });
    return fail(bots ? "the KnownBadBots rules are disabled" : "no bot manager rule set", {
      path: "managedRuleSets",
      actual: sets.map((r) => r?.ruleSetType ?? null),
      expected: "Microsoft_BotManagerRuleSet",
    });
  },
});
