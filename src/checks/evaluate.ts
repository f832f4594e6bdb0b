import {
  type ComplianceRef,
  containsUnknown,
  type Finding,
  fingerprint,
  locate,
  type Resource,
  resourceRef,
} from "../model/index.js";
import type { Check, CheckResult } from "./check.js";
import type { CheckRegistry } from "./registry.js";

/** Maps a check id to the framework controls it decides (built from the framework files). */
export type ComplianceLookup = (checkId: string) => ComplianceRef[];

/**
 * Runs every check that reads `resource.type` and turns the results into
 * findings. Two rules hold for every check, so no check has to remember them:
 * a failing result whose evidence shows an unknown value becomes
 * `not_applicable` (checks never fail on what IaC cannot know), and a check
 * that throws gives an `error` finding instead of stopping the scan.
 */
export function evaluateResource(
  resource: Resource,
  registry: CheckRegistry,
  compliance: ComplianceLookup,
): Finding[] {
  const findings: Finding[] = [];
  for (const check of registry.forType(resource.type)) {
    let results: CheckResult[];
    try {
      const raw = check.evaluate(resource);
      results = Array.isArray(raw) ? raw : [raw];
    } catch (error) {
      results = [];
      findings.push(
        toFinding(check, resource, compliance, {
          status: "error",
          message: `check failed to evaluate: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    }
    for (const result of results)
      findings.push(toFinding(check, resource, compliance, settleUnknown(result)));
  }
  return findings;
}

function settleUnknown(result: CheckResult): CheckResult {
  if (result.status !== "fail" || !containsUnknown(result.evidence?.actual)) return result;
  return {
    ...result,
    status: "not_applicable",
    message: `cannot decide: ${result.message}, but the value is unknown at scan time`,
  };
}

function toFinding(
  check: Check,
  resource: Resource,
  compliance: ComplianceLookup,
  result: Pick<Finding, "status" | "message"> & Pick<CheckResult, "evidence" | "key">,
): Finding {
  const finding: Finding = {
    checkId: check.id,
    title: check.title,
    status: result.status,
    severity: check.severity,
    message: result.message,
    resource: resourceRef(resource),
    compliance: compliance(check.id),
    remediation: check.remediation,
    fingerprint: fingerprint(check.id, resource, result.key),
  };
  if (result.evidence) finding.evidence = result.evidence;
  if (result.key !== undefined) finding.key = result.key;
  const location = locate(resource, result.evidence?.path);
  if (location) finding.location = location;
  return finding;
}
