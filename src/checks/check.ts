import type { Evidence, Resource, Severity } from "../model/index.js";

/** What a check says about one resource (or one part of it). */
export interface CheckResult {
  status: "pass" | "fail" | "not_applicable";
  message: string;
  evidence?: Evidence;
  /** Names the part of the resource this result is about (a rule, a container), when one resource gives several results. */
  key?: string;
}

export interface CheckMeta {
  /** Derived from the folder: src/checks/aws/s3/block-public-access → aws.s3.block-public-access. */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** Canonical resource types this check reads. */
  resourceTypes: string[];
  /** What to do, in a sentence or two. */
  remediation: string;
  references?: string[];
  /**
   * Fix snippets in IaC languages, keyed by IaC format name ("terraform",
   * "cloudformation", "arm", "kubernetes", "dockerfile"): what to add or change.
   */
  fixes?: Record<string, string>;
}

export interface Check extends CheckMeta {
  /** Pure: reads only the resource, no I/O, no clock. */
  evaluate(resource: Resource): CheckResult | CheckResult[];
}

/** Declares a check; the identity function, there for type inference and one place to grow. */
export function defineCheck(check: Check): Check {
  return check;
}

export const pass = (message: string, evidence?: Evidence, key?: string): CheckResult =>
  result("pass", message, evidence, key);
export const fail = (message: string, evidence: Evidence, key?: string): CheckResult =>
  result("fail", message, evidence, key);
export const notApplicable = (message: string, evidence?: Evidence, key?: string): CheckResult =>
  result("not_applicable", message, evidence, key);

function result(
  status: CheckResult["status"],
  message: string,
  evidence?: Evidence,
  key?: string,
): CheckResult {
  const out: CheckResult = { status, message };
  if (evidence !== undefined) out.evidence = evidence;
  if (key !== undefined) out.key = key;
  return out;
}
