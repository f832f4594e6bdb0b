export type { Check, CheckMeta, CheckResult } from "./check.js";
export { defineCheck, fail, notApplicable, pass } from "./check.js";
export { type ComplianceLookup, evaluateResource } from "./evaluate.js";
export { builtinChecks } from "./index.generated.js";
export { CheckRegistry, CheckRegistryError, metadataProblems } from "./registry.js";
