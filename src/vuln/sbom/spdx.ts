import { createHash, randomUUID } from "node:crypto";
import type { Package } from "../../model/index.js";
import type { SbomOptions, SbomSubject } from "./cyclonedx.js";

/**
 * SPDX 2.3 JSON: one package per found package with its purl as a
 * PACKAGE-MANAGER external reference, the distro source package in
 * `sourceInfo`, and the path where it was found in `packageFileName`.
 * SPDX 2.3 has no place for vulnerabilities; use CycloneDX for those.
 */
export function writeSpdx(subject: SbomSubject, packages: readonly Package[], options: SbomOptions): string {
  const now = options.now ?? new Date();
  const ids = new Set<string>();
  const spdxPackages = [];
  const relationships = [];
  for (const pkg of packages) {
    const id = `SPDXRef-Package-${createHash("sha256").update(`${pkg.purl}\u0000${pkg.path}`).digest("hex").slice(0, 16)}`;
    if (ids.has(id)) continue;
    ids.add(id);
    const entry: Record<string, unknown> = {
      name: pkg.name,
      SPDXID: id,
      versionInfo: pkg.version,
      packageFileName: pkg.path,
      downloadLocation: "NOASSERTION",
      filesAnalyzed: false,
      licenseConcluded: "NOASSERTION",
      licenseDeclared: "NOASSERTION",
      copyrightText: "NOASSERTION",
      externalRefs: [
        { referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: pkg.purl },
      ],
    };
    if (pkg.sourceName)
      entry.sourceInfo = `built from source package ${pkg.sourceName}${pkg.sourceVersion ? ` ${pkg.sourceVersion}` : ""}`;
    spdxPackages.push(entry);
    relationships.push({
      spdxElementId: "SPDXRef-DOCUMENT",
      relationshipType: "DESCRIBES",
      relatedSpdxElement: id,
    });
  }
  const doc = {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: subject.name,
    documentNamespace: `https://spdx.org/spdxdocs/mamori/${encodeURIComponent(subject.name)}-${options.serial ?? randomUUID()}`,
    creationInfo: {
      created: `${now.toISOString().slice(0, 19)}Z`,
      creators: [`Tool: ${options.tool.name}-${options.tool.version}`],
    },
    packages: spdxPackages,
    relationships,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
