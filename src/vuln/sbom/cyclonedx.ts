import { createHash, randomUUID } from "node:crypto";
import type { Package, Severity } from "../../model/index.js";
import type { VulnFinding } from "../match.js";

/** CycloneDX properties Mamori writes so that its own SBOMs read back losslessly. */
export const PROPERTY = {
  ecosystem: "mamori:package:ecosystem",
  path: "mamori:package:path",
  layer: "mamori:package:layer",
  sourceName: "mamori:package:source-name",
  sourceVersion: "mamori:package:source-version",
} as const;

export interface SbomSubject {
  name: string;
  /** "container" for images, "file" for an SBOM, "application" for a directory. */
  type: "container" | "file" | "application";
  version?: string;
}

export interface SbomOptions {
  tool: { name: string; version: string };
  now?: Date;
  /** Serial number; random when absent. */
  serial?: string;
}

export function bomRef(pkg: Package): string {
  const hash = createHash("sha256").update(`${pkg.purl}\u0000${pkg.path}`).digest("hex").slice(0, 12);
  return `pkg-${hash}`;
}

const METHOD: Record<string, string> = {
  "CVSS:4.0": "CVSSv4",
  "CVSS:3.1": "CVSSv31",
  "CVSS:3.0": "CVSSv3",
};

function rating(f: VulnFinding): Record<string, unknown> {
  const r: Record<string, unknown> = { severity: f.severity as Severity };
  if (f.score !== undefined) r.score = f.score;
  if (f.vector) {
    r.method = METHOD[f.vector.slice(0, 8)] ?? (f.vector.startsWith("AV:") ? "CVSSv2" : "other");
    r.vector = f.vector;
  } else r.method = "other";
  if (f.severitySource) r.source = { name: f.severitySource };
  return r;
}

const VEX_STATE: Record<string, string> = {
  not_affected: "not_affected",
  fixed: "resolved",
  under_investigation: "in_triage",
  affected: "exploitable",
};

/** CycloneDX 1.6 JSON: the packages as components and, when given, the findings as vulnerabilities. */
export function writeCycloneDx(
  subject: SbomSubject,
  packages: readonly Package[],
  findings: readonly VulnFinding[],
  options: SbomOptions,
): string {
  const refs = new Map<Package, string>();
  const components: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const pkg of packages) {
    const ref = bomRef(pkg);
    refs.set(pkg, ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const properties: { name: string; value: string }[] = [
      { name: PROPERTY.ecosystem, value: pkg.ecosystem },
      { name: PROPERTY.path, value: pkg.path },
    ];
    if (pkg.layerDigest) properties.push({ name: PROPERTY.layer, value: pkg.layerDigest });
    if (pkg.sourceName) properties.push({ name: PROPERTY.sourceName, value: pkg.sourceName });
    if (pkg.sourceVersion) properties.push({ name: PROPERTY.sourceVersion, value: pkg.sourceVersion });
    const component: Record<string, unknown> = {
      type: "library",
      "bom-ref": ref,
      name: pkg.name,
      version: pkg.version,
      purl: pkg.purl,
      properties,
    };
    if (pkg.licenses?.length) component.licenses = pkg.licenses.map((l) => ({ license: { name: l } }));
    components.push(component);
  }
  const vulnerabilities = findings.map((f, i) => {
    const v: Record<string, unknown> = {
      "bom-ref": `vuln-${i + 1}`,
      id: f.id,
      ratings: [rating(f)],
      affects: [
        {
          ref: refs.get(f.package) ?? bomRef(f.package),
          versions: [{ version: f.installedVersion, status: "affected" }],
        },
      ],
    };
    if (f.aliases.length > 0) v.references = f.aliases.map((id) => ({ id, source: { name: sourceOf(id) } }));
    if (f.summary) v.description = f.summary;
    if (f.fixedVersions.length > 0)
      v.recommendation = `Upgrade ${f.package.name} to ${f.fixedVersions.join(" or ")}`;
    if (f.suppressed) {
      const analysis: Record<string, unknown> = { state: VEX_STATE[f.suppressed.status] ?? "not_affected" };
      if (f.suppressed.statement ?? f.suppressed.justification)
        analysis.detail = f.suppressed.statement ?? f.suppressed.justification;
      v.analysis = analysis;
    }
    return v;
  });
  const now = options.now ?? new Date();
  const bom: Record<string, unknown> = {
    $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: `urn:uuid:${options.serial ?? randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      tools: {
        components: [{ type: "application", name: options.tool.name, version: options.tool.version }],
      },
      component: {
        type: subject.type,
        "bom-ref": "subject",
        name: subject.name,
        ...(subject.version ? { version: subject.version } : {}),
      },
    },
    components,
  };
  if (vulnerabilities.length > 0) bom.vulnerabilities = vulnerabilities;
  return `${JSON.stringify(bom, null, 2)}\n`;
}

function sourceOf(id: string): string {
  if (id.startsWith("CVE-")) return "NVD";
  if (id.startsWith("GHSA-")) return "GitHub";
  if (id.startsWith("DSA-") || id.startsWith("DLA-") || id.startsWith("DEBIAN-")) return "Debian";
  return id.split("-")[0] ?? "OSV";
}
