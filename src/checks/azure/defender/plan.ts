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

/**
 * A component of a Defender plan is an entry of the pricing's `extensions`
 * (`{name, isEnabled}`); it can only be on while the plan itself is Standard.
 */
export function defenderExtensionCheck(options: {
  id: string;
  plan: string;
  planLabel: string;
  extension: string;
  label: string;
  description: string;
  reference: string;
}): Check {
  return defineCheck({
    id: options.id,
    title: `Defender for ${options.planLabel}: ${options.label} is on`,
    description: options.description,
    severity: "medium",
    resourceTypes: ["azure.subscription"],
    remediation: `Turn on ${options.label} in the Defender for ${options.planLabel} plan settings (pricing ${options.plan}, extension ${options.extension} with isEnabled True).`,
    references: [
      options.reference,
      "https://learn.microsoft.com/en-us/rest/api/defenderforcloud/pricings/get",
    ],
    evaluate(resource: Resource) {
      const plans = resource.properties.defenderPlans;
      if (isUnknown(plans))
        return notApplicable("the Defender plans are not known", { path: "defenderPlans", actual: plans });
      const plan = (
        plans as Record<string, { pricingTier?: unknown; extensions?: unknown } | undefined> | null
      )?.[options.plan];
      const planPath = `defenderPlans.${options.plan}`;
      if (!plan)
        return notApplicable(`the ${options.plan} plan is not reported for this subscription`, {
          path: planPath,
        });
      if (plan.pricingTier !== "Standard")
        return fail(`Defender for ${options.planLabel} is off, so ${options.label} is off`, {
          path: `${planPath}.pricingTier`,
          actual: plan.pricingTier ?? null,
          expected: "Standard",
        });
      const path = `${planPath}.extensions`;
      if (isUnknown(plan.extensions) || !Array.isArray(plan.extensions))
        return notApplicable(`the components of the ${options.plan} plan are not known`, {
          path,
          actual: plan.extensions ?? null,
        });
      const entry = (plan.extensions as { name?: unknown; isEnabled?: unknown }[]).find(
        (e) => e?.name === options.extension,
      );
      if (entry?.isEnabled === true) return pass(`${options.label} is on`, { path, actual: entry });
      return fail(`${options.label} is off`, {
        path,
        actual: entry ?? null,
        expected: `{name: ${options.extension}, isEnabled: true}`,
      });
    },
  });
}
