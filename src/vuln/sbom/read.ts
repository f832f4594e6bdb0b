import { readFileSync, statSync } from "node:fs";
import type { Package } from "../../model/index.js";
import { VulnInputError } from "../errors.js";
import { PROPERTY } from "./cyclonedx.js";
import { packageFromPurl } from "./purl.js";

/**
 * Reads an SBOM: CycloneDX JSON (1.4–1.6; components nested at any depth)
 * or SPDX 2.2/2.3 JSON (packages with a purl external reference). Components
 * without a purl cannot be matched and are listed in `skipped`.
 */
export interface SbomRead {
  format: "cyclonedx" | "spdx";
  specVersion: string;
  /** What the SBOM describes (metadata.component or the SPDX document name). */
  subject?: string;
  packages: Package[];
  skipped: string[];
}

const MAX_BYTES = 512 * 1024 * 1024;

export function readSbomFile(path: string): SbomRead {
  let text: string;
  try {
    if (statSync(path).size > MAX_BYTES) throw new VulnInputError(`${path}: larger than ${MAX_BYTES} bytes`);
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof VulnInputError) throw error;
    throw new VulnInputError(
      `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new VulnInputError(`${path}: invalid JSON (${(error as Error).message}); only JSON SBOMs are read`);
  }
  return readSbom(value, path);
}

export function readSbom(value: unknown, path: string): SbomRead {
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new VulnInputError(`${path}: an SBOM must be a JSON object`);
  const doc = value as Record<string, unknown>;
  if (doc.bomFormat === "CycloneDX") return readCycloneDx(doc, path);
  if (typeof doc.spdxVersion === "string") return readSpdx(doc, path);
  throw new VulnInputError(`${path}: neither CycloneDX (bomFormat) nor SPDX (spdxVersion) JSON`);
}

interface CdxComponent {
  name?: unknown;
  version?: unknown;
  purl?: unknown;
  properties?: { name?: unknown; value?: unknown }[];
  components?: unknown;
}

function readCycloneDx(doc: Record<string, unknown>, path: string): SbomRead {
  const specVersion = String(doc.specVersion ?? "");
  if (!/^1\.[4-7]$/.test(specVersion))
    throw new VulnInputError(
      `${path}: CycloneDX specVersion ${specVersion || "(missing)"} is not supported (1.4–1.6)`,
    );
  const packages: Package[] = [];
  const skipped: string[] = [];
  const walk = (list: unknown, field: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) throw new VulnInputError(`${path}: CycloneDX field ${field} must be an array`);
    for (const [i, item] of list.entries()) {
      const c = item as CdxComponent;
      if (!c || typeof c !== "object")
        throw new VulnInputError(`${path}: CycloneDX field ${field}[${i}] must be an object`);
      if (typeof c.purl === "string" && c.purl) {
        const props = new Map<string, string>();
        for (const p of Array.isArray(c.properties) ? c.properties : [])
          if (typeof p?.name === "string" && typeof p.value === "string") props.set(p.name, p.value);
        const pkg = packageFromPurl(c.purl, props.get(PROPERTY.path) ?? path, {
          sourceName: props.get(PROPERTY.sourceName) ?? props.get("aquasecurity:trivy:SrcName"),
          sourceVersion: props.get(PROPERTY.sourceVersion) ?? props.get("aquasecurity:trivy:SrcVersion"),
          ecosystem: props.get(PROPERTY.ecosystem),
        });
        const layer = props.get(PROPERTY.layer) ?? props.get("aquasecurity:trivy:LayerDiffID");
        if (layer) pkg.layerDigest = layer;
        if (typeof c.version === "string" && c.version && !pkg.version) pkg.version = c.version;
        packages.push(pkg);
      } else skipped.push(`${field}[${i}] ${String(c.name ?? "(no name)")}: no purl`);
      walk(c.components, `${field}[${i}].components`);
    }
  };
  walk(doc.components, "components");
  const meta = (doc.metadata as { component?: { name?: unknown } } | undefined)?.component;
  const read: SbomRead = { format: "cyclonedx", specVersion, packages, skipped };
  if (typeof meta?.name === "string") read.subject = meta.name;
  return read;
}

interface SpdxPackage {
  name?: unknown;
  versionInfo?: unknown;
  packageFileName?: unknown;
  sourceInfo?: unknown;
  externalRefs?: { referenceCategory?: unknown; referenceType?: unknown; referenceLocator?: unknown }[];
}

/** sourceInfo as Mamori writes it: "built from source package NAME VERSION". */
export const SPDX_SOURCE_INFO = /^built from source package (\S+)(?: (\S+))?$/;

function readSpdx(doc: Record<string, unknown>, path: string): SbomRead {
  const specVersion = String(doc.spdxVersion);
  if (specVersion !== "SPDX-2.3" && specVersion !== "SPDX-2.2")
    throw new VulnInputError(`${path}: ${specVersion} is not supported (SPDX-2.2 or SPDX-2.3 JSON)`);
  if (doc.packages !== undefined && !Array.isArray(doc.packages))
    throw new VulnInputError(`${path}: SPDX field packages must be an array`);
  const packages: Package[] = [];
  const skipped: string[] = [];
  for (const [i, item] of ((doc.packages as SpdxPackage[] | undefined) ?? []).entries()) {
    const refs = Array.isArray(item?.externalRefs) ? item.externalRefs : [];
    const purl = refs.find((r) => r?.referenceType === "purl" && typeof r.referenceLocator === "string")
      ?.referenceLocator as string | undefined;
    if (!purl) {
      skipped.push(`packages[${i}] ${String(item?.name ?? "(no name)")}: no purl`);
      continue;
    }
    const source = typeof item.sourceInfo === "string" ? SPDX_SOURCE_INFO.exec(item.sourceInfo) : null;
    const where =
      typeof item.packageFileName === "string" && item.packageFileName ? item.packageFileName : path;
    const extras: { sourceName?: string; sourceVersion?: string } = {};
    if (source?.[1]) extras.sourceName = source[1];
    if (source?.[2]) extras.sourceVersion = source[2];
    packages.push(packageFromPurl(purl, where, extras));
  }
  const read: SbomRead = { format: "spdx", specVersion, packages, skipped };
  if (typeof doc.name === "string") read.subject = doc.name;
  return read;
}
