import { builtinChecks, CheckRegistry } from "../../src/checks/index.js";
import { complianceIndex, loadFrameworks } from "../../src/compliance/index.js";
import type { Finding, FindingStatus } from "../../src/model/index.js";
import { type PostureScanResult, runPostureScan } from "../../src/scan/posture.js";
import { scanAccount } from "../../src/sources/aws/index.js";
import { withLiveErrors } from "../../src/sources/aws/live-errors.js";
import { REGIONS } from "./accounts.js";

/** Scans the moto account behind `endpoint` in-process, exactly as `mamori cloud aws` does, without a store. */
export async function scanMoto(endpoint: string): Promise<PostureScanResult & { calls: number }> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const scan = await scanAccount({ endpoint, regions: REGIONS });
  const result = await runPostureScan({
    kind: "aws",
    target: endpoint,
    scope: `aws:${scan.accountId}`,
    items: scan.items,
    registry: withLiveErrors(new CheckRegistry(builtinChecks)),
    compliance: complianceIndex(loadFrameworks()),
    includePassed: true,
    tool: { name: "Mamori", version: "test" },
  });
  return { ...result, calls: scan.context.calls };
}

/**
 * The findings of one CIS AWS v7.0.0 control, as sorted "status resource"
 * lines (not_applicable left out), so a test states the exact outcome per control.
 */
export function controlOutcome(findings: readonly Finding[], control: string): string[] {
  return findings
    .filter((f) => f.status !== "not_applicable")
    .filter((f) =>
      f.compliance.some((c) => c.framework === "cis-aws" && c.version === "7.0.0" && c.control === control),
    )
    .map((f) => `${f.status} ${f.resource.id}${f.key ? ` ${f.key}` : ""}`)
    .sort();
}

/** Every status one control received. */
export function controlStatuses(findings: readonly Finding[], control: string): Set<FindingStatus> {
  return new Set(controlOutcome(findings, control).map((line) => line.split(" ")[0] as FindingStatus));
}
