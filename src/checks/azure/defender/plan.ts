import { isUnknown, type Resource } from "../../../model/index.js";
import { type Check, defineCheck, fail, notApplicable, pass } from "../../check.js";

/**
 * Defender for Cloud plans are `Microsoft.Security/pricings/<plan>` on the
 * subscription; `pricingTier: Standard` means the plan is on, `Free` off.
 */
export function defenderPlanCheck(options: {
  id: string;
  plan: string;
  label: string;
  description: string;
  reference: string;
}): Check {
  return defineCheck({
    id: options.id,
    title: `Microsoft Defender for ${options.label} is on`,
    description: options.description,
    severity: "medium",
    resourceTypes: ["azure.subscription"],
    remediation: `Set the Defender for Cloud plan ${options.plan} to Standard (az security pricing create -n ${options.plan} --tier standard).`,
    references: [
      options.reference,
      "https://learn.microsoft.com/en-us/rest/api/defenderforcloud/pricings/list",
    ],
    evaluate(resource: Resource) {
      const path = `defenderPlans.${options.plan}.pricingTier`;
      const plans = resource.properties.defenderPlans;
      if (isUnknown(plans))
        return notApplicable("the Defender plans are not known", { path: "defenderPlans", actual: plans });
      const plan = (plans as Record<string, { pricingTier?: unknown } | undefined> | null)?.[options.plan];
      if (!plan)
        return notApplicable(`the ${options.plan} plan is not reported for this subscription`, { path });
      if (plan.pricingTier === "Standard")
        return pass(`Defender for ${options.label} is on`, { path, actual: plan.pricingTier });
      return fail(`Defender for ${options.label} is off (pricing tier ${String(plan.pricingTier)})`, {
        path,
        actual: plan.pricingTier ?? null,
        expected: "Standard",
      });
    },
  });
}
