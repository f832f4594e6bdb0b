import type {
  ComplianceRef,
  ControlScore,
  ControlStatus,
  Finding,
  Framework,
  FrameworkScore,
} from "../model/index.js";

/** Builds the check id → control references lookup that findings carry. */
export function complianceIndex(frameworks: readonly Framework[]): (checkId: string) => ComplianceRef[] {
  const index = new Map<string, ComplianceRef[]>();
  for (const fw of frameworks) {
    for (const control of fw.controls) {
      for (const checkId of control.checks) {
        const refs = index.get(checkId) ?? [];
        refs.push({ framework: fw.framework, version: fw.version, control: control.id });
        index.set(checkId, refs);
      }
    }
  }
  return (checkId) => index.get(checkId) ?? [];
}

/**
 * Scores one framework from the findings of a scan (all statuses, not only
 * failures). A control fails when any of its checks fails on any resource
 * that is not muted; it passes when its checks ran and none failed; it has no
 * data when none of its checks saw a resource. The framework score is the
 * share of decided automated controls that pass.
 */
export function scoreFramework(framework: Framework, findings: readonly Finding[]): FrameworkScore {
  const byCheck = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byCheck.get(finding.checkId) ?? [];
    list.push(finding);
    byCheck.set(finding.checkId, list);
  }
  const counts: Record<ControlStatus, number> = { pass: 0, fail: 0, manual: 0, no_data: 0, error: 0 };
  const controls: ControlScore[] = framework.controls.map((control) => {
    const related = control.checks.flatMap((id) => byCheck.get(id) ?? []);
    const failed = related.filter((f) => f.status === "fail" && !f.muted).length;
    const passed = related.filter((f) => f.status === "pass").length;
    const errors = related.filter((f) => f.status === "error").length;
    let status: ControlStatus;
    if (!control.automated) status = "manual";
    else if (failed > 0) status = "fail";
    else if (errors > 0) status = "error";
    else if (passed > 0 || related.some((f) => f.status === "fail")) status = "pass";
    else status = "no_data";
    counts[status]++;
    return { control, status, passed, failed, errors };
  });
  const decided = counts.pass + counts.fail + counts.error;
  const score = decided === 0 ? null : Math.round((counts.pass / decided) * 1000) / 10;
  return { framework, controls, score, counts };
}
