import {
  atLeast,
  type Finding,
  fingerprint,
  type Package,
  type Resource,
  type RuleInfo,
  type ScanReport,
  type ScanSummary,
  type Severity,
} from "../model/index.js";
import type { ScanRecorder } from "../scan/posture.js";
import { type AdvisoryLookup, matchPackages, type VulnFinding } from "./match.js";
import { applyVex, type VexStatement } from "./vex.js";

/**
 * Packages → advisories → findings → store. Vulnerability findings are
 * stored as posture findings so mutes, history, `mamori query` and the
 * reports work on them unchanged: one resource of type `package` per
 * package location, one failing finding per package and vulnerability with
 * check id `vuln.<id>` (the reported id, e.g. vuln.CVE-2021-23337).
 */
export const PACKAGE_RESOURCE_TYPE = "package";

export interface VulnScanOptions {
  /** "image", "fs", "sbom". */
  kind: string;
  /** What was scanned, for people: the image reference, the folder, the SBOM file. */
  target: string;
  /** Findings of the same scope that are no longer found are resolved when the scan completes. */
  scope: string;
  packages: readonly Package[];
  advisories: AdvisoryLookup;
  vex?: readonly VexStatement[];
  ignoreUnfixed?: boolean;
  recorder?: ScanRecorder;
  /** Other failing findings of the same target (image checks, secrets), recorded and reported with these. */
  extra?: { resources: Resource[]; findings: Finding[]; rules: RuleInfo[] };
  tool: { name: string; version: string };
  now?: () => Date;
}

export interface VulnScanResult {
  findings: VulnFinding[];
  notes: string[];
  report: ScanReport;
}

export async function runVulnScan(options: VulnScanOptions): Promise<VulnScanResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const matched = await matchPackages(options.packages, options.advisories);
  let findings = options.vex?.length ? applyVex(matched.findings, options.vex) : matched.findings;
  if (options.ignoreUnfixed) findings = findings.filter((f) => f.fixState === "fixed");
  const resources = new Map<string, Resource>();
  for (const pkg of options.packages) {
    const resource = packageResource(pkg, options.scope);
    resources.set(resource.id, resource);
  }
  for (const resource of options.extra?.resources ?? []) resources.set(resource.id, resource);
  const postureFindings = [
    ...findings.map((f) => toPostureFinding(f, options.scope)),
    ...(options.extra?.findings ?? []),
  ];
  const scanId = await options.recorder?.beginScan({
    kind: options.kind,
    target: options.target,
    scope: options.scope,
  });
  const summary = summarize(postureFindings, resources.size, now().getTime() - started.getTime());
  try {
    if (scanId !== undefined) {
      const all = [...resources.values()];
      for (let i = 0; i < Math.max(all.length, 1); i += 500) {
        const slice = all.slice(i, i + 500);
        const ids = new Set(slice.map((r) => r.id));
        await options.recorder?.recordBatch(
          scanId,
          slice,
          postureFindings.filter((f) => ids.has(f.resource.id)),
        );
      }
      await options.recorder?.completeScan(scanId, summary);
    }
  } catch (error) {
    if (scanId !== undefined)
      await options.recorder
        ?.failScan(scanId, error instanceof Error ? error.message : String(error))
        .catch(() => undefined);
    throw error;
  }
  const report: ScanReport = {
    tool: options.tool,
    startedAt: started.toISOString(),
    target: options.target,
    findings: postureFindings,
    errors: [],
    summary,
    rules: [...rulesFor(findings), ...(options.extra?.rules ?? [])],
  };
  if (scanId !== undefined) report.scanId = scanId;
  return { findings, notes: matched.notes, report };
}

/** A package at one location as a canonical resource (type `package`). */
export function packageResource(pkg: Package, scope: string): Resource {
  const properties: Record<string, unknown> = {
    purl: pkg.purl,
    name: pkg.name,
    version: pkg.version,
    ecosystem: pkg.ecosystem,
    path: pkg.path,
  };
  if (pkg.layerDigest) properties.layerDigest = pkg.layerDigest;
  if (pkg.sourceName) properties.sourceName = pkg.sourceName;
  if (pkg.sourceVersion) properties.sourceVersion = pkg.sourceVersion;
  if (pkg.distro) properties.distro = pkg.distro;
  if (pkg.licenses) properties.licenses = pkg.licenses;
  return {
    type: PACKAGE_RESOURCE_TYPE,
    id: `${scope}|${pkg.path}|${pkg.purl}`,
    provider: "generic",
    name: `${pkg.name}@${pkg.version}`,
    tags: {},
    properties,
    provenance: { kind: "snapshot", file: pkg.path },
  };
}

export function fixText(f: VulnFinding): string {
  if (f.fixState === "fixed") return `fixed in ${f.fixedVersions.join(", ")}`;
  return f.fixState === "wont_fix" ? "will not be fixed" : "no fix yet";
}

export function toPostureFinding(f: VulnFinding, scope: string): Finding {
  const resource = packageResource(f.package, scope);
  const checkId = `vuln.${f.id}`;
  const ref = { id: resource.id, type: resource.type, name: resource.name, provider: resource.provider };
  const aliases = f.aliases.length > 0 ? ` (${f.aliases.join(", ")})` : "";
  const finding: Finding = {
    checkId,
    title: f.summary ?? `${f.id} in ${f.package.name}`,
    status: "fail",
    severity: f.severity,
    message: `${f.package.name} ${f.installedVersion} is affected by ${f.id}${aliases}; ${fixText(f)}`,
    resource: ref,
    evidence: {
      path: "version",
      actual: f.installedVersion,
      expected: f.fixedVersions.length > 0 ? f.fixedVersions : fixText(f),
    },
    location: { file: f.package.path, startLine: 1, endLine: 1 },
    compliance: [],
    fingerprint: fingerprint(checkId, resource),
  };
  if (f.fixedVersions.length > 0)
    finding.remediation = `Upgrade ${f.package.name} to ${f.fixedVersions.join(" or ")}.`;
  if (f.suppressed) {
    const why = [f.suppressed.justification, f.suppressed.statement].filter(Boolean).join(": ");
    finding.muted = {
      reason: `VEX ${f.suppressed.status}${why ? ` (${why})` : ""}`,
      owner: f.suppressed.source,
    };
  }
  return finding;
}

function summarize(findings: Finding[], resources: number, durationMs: number): ScanSummary {
  const failedBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let muted = 0;
  for (const f of findings) {
    if (f.muted) muted++;
    else failedBySeverity[f.severity]++;
  }
  return {
    resources,
    checks: new Set(findings.map((f) => f.checkId)).size,
    byStatus: { fail: findings.length, pass: 0, error: 0, not_applicable: 0 },
    failedBySeverity,
    muted,
    errors: 0,
    durationMs,
  };
}

function rulesFor(findings: VulnFinding[]): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const f of findings) {
    const id = `vuln.${f.id}`;
    if (byId.has(id)) continue;
    const rule: RuleInfo = {
      id,
      title: f.summary ?? f.id,
      description: `${f.id}${f.aliases.length ? ` (also ${f.aliases.join(", ")})` : ""}: ${f.summary ?? "a known vulnerability"}`,
      severity: f.severity,
      remediation:
        "Upgrade the package to a fixed version, or record why it is not exploitable in a VEX document.",
      resourceTypes: [PACKAGE_RESOURCE_TYPE],
    };
    rule.references = [f.id, ...f.aliases].filter((id) => /^(CVE|GHSA)-/.test(id)).map(advisoryUrl);
    byId.set(id, rule);
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function advisoryUrl(id: string): string {
  return id.startsWith("GHSA-")
    ? `https://github.com/advisories/${id}`
    : `https://osv.dev/vulnerability/${id}`;
}

/** The CI gate: an unsuppressed finding at or above the threshold. */
export function vulnBreaches(findings: readonly VulnFinding[], threshold: Severity): boolean {
  return findings.some((f) => !f.suppressed && atLeast(f.severity, threshold));
}
