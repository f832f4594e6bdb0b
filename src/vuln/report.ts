import { type ScanReport, SEVERITIES } from "../model/index.js";
import { terminalSafe } from "../report/index.js";
import type { VulnFinding } from "./match.js";

/**
 * Vulnerability table and JSON. The posture writers (SARIF) get the same
 * findings as posture findings; these two show what a vulnerability report
 * needs: package, installed and fixed versions, ids and aliases, layer, path.
 */
export function renderVulnTable(
  findings: readonly VulnFinding[],
  report: ScanReport,
  packages: number,
  notes: string[],
): string {
  const out: string[] = [];
  if (findings.length === 0) out.push(`No known vulnerabilities in ${packages} packages.`);
  else {
    const header = ["SEVERITY", "ID", "PACKAGE", "INSTALLED", "FIXED", "PATH"];
    const rows = findings.map((f) =>
      [
        f.suppressed ? `muted:${f.severity}` : f.severity,
        f.aliases.length > 0 ? `${f.id} (${f.aliases.join(", ")})` : f.id,
        f.package.name,
        f.installedVersion,
        f.fixState === "fixed"
          ? f.fixedVersions.join(", ")
          : f.fixState === "wont_fix"
            ? "(will not fix)"
            : "(not fixed)",
        f.package.layerDigest
          ? `${f.package.path} [${f.package.layerDigest.replace(/^sha256:/, "").slice(0, 12)}]`
          : f.package.path,
      ].map((c) => terminalSafe(c)),
    );
    const widths = header.map((h, i) =>
      Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] as string).length))),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) =>
          c.length > (widths[i] as number)
            ? `${c.slice(0, (widths[i] as number) - 1)}…`
            : c.padEnd(widths[i] as number),
        )
        .join("  ")
        .trimEnd();
    out.push(line(header), ...rows.map(line));
    const muted = findings.filter((f) => f.suppressed);
    if (muted.length > 0) {
      out.push("", "Suppressed by VEX:");
      for (const f of muted)
        out.push(
          `  ${terminalSafe(f.id)} in ${terminalSafe(f.package.name)}: ${terminalSafe(report.findings.find((p) => p.checkId === `vuln.${f.id}` && p.muted)?.muted?.reason ?? f.suppressed?.status ?? "")}`,
        );
    }
  }
  const vulnIds = new Set(findings.map((f) => `vuln.${f.id}`));
  const others = report.findings.filter((f) => !vulnIds.has(f.checkId));
  if (others.length > 0) {
    out.push("", "Checks and secrets:");
    for (const f of others)
      out.push(
        `  ${f.muted ? "muted:" : ""}${f.severity.padEnd(8)} ${terminalSafe(f.checkId)}  ${terminalSafe(f.message)}`,
      );
  }
  const counts = SEVERITIES.map((s) => `${report.summary.failedBySeverity[s]} ${s}`).join(", ");
  out.push(
    "",
    `${packages} packages, ${findings.length} vulnerabilities (${counts}; ${report.summary.muted} muted)`,
  );
  for (const note of notes) out.push(`note: ${terminalSafe(note)}`);
  return `${out.join("\n")}\n`;
}

export function renderVulnJson(
  findings: readonly VulnFinding[],
  report: ScanReport,
  packages: number,
  notes: string[],
): string {
  return `${JSON.stringify(
    {
      tool: report.tool,
      scanId: report.scanId,
      startedAt: report.startedAt,
      target: report.target,
      packages,
      summary: report.summary,
      notes,
      findings: findings.map((f) => ({
        id: f.id,
        aliases: f.aliases,
        advisories: f.advisoryIds,
        severity: f.severity,
        severitySource: f.severitySource,
        score: f.score,
        vector: f.vector,
        summary: f.summary,
        fixState: f.fixState,
        installedVersion: f.installedVersion,
        fixedVersions: f.fixedVersions,
        package: f.package,
        suppressed: f.suppressed,
      })),
      checks: report.findings.filter((f) => !f.checkId.startsWith("vuln.")),
    },
    null,
    2,
  )}\n`;
}
