import type { IacFormat } from "../format.js";
import { loadPlans } from "./plan.js";

/** Terraform plan JSON (`terraform show -json PLAN > plan.json`). */
export const format: IacFormat = {
  name: "terraform-plan",
  claims: (file, head) =>
    file.endsWith(".json") &&
    head.includes('"format_version"') &&
    (head.includes('"planned_values"') ||
      head.includes('"resource_changes"') ||
      head.includes('"terraform_version"')),
  fixtureSuffixes: [".tfplan.json"],
  load: async (files, options) => loadPlans(files, options),
};
