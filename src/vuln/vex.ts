import { readFileSync } from "node:fs";
import { PackageURL } from "packageurl-js";
import { VulnInputError } from "./errors.js";
import type { VulnFinding } from "./match.js";

/**
 * VEX input: OpenVEX (v0.0.x and v0.2.x) and CycloneDX VEX (a BOM whose
 * vulnerabilities carry an `analysis`). A statement saying a product is
 * not affected (or the vulnerability is fixed/resolved/a false positive)
 * marks matching findings as suppressed with its justification: they stay
 * in the report as muted and never trip --fail-on.
 */
export interface VexStatement {
  /** Vulnerability id as written (CVE, GHSA, …). */
  vulnerability: string;
  /** purls; empty means every product. */
  products: string[];
  status: "not_affected" | "fixed" | "affected" | "under_investigation";
  justification?: string;
  statement?: string;
  source: string;
}

const SUPPRESSING = new Set(["not_affected", "fixed"]);

export function readVexFile(path: string): VexStatement[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VulnInputError(
      `${path}: ${code ? `cannot read (${code})` : `invalid JSON (${(error as Error).message})`}`,
    );
  }
  return parseVex(value, path);
}

export function parseVex(value: unknown, path: string): VexStatement[] {
  if (!value || typeof value !== "object")
    throw new VulnInputError(`${path}: a VEX document must be a JSON object`);
  const doc = value as Record<string, unknown>;
  if (Array.isArray(doc.statements)) return parseOpenVex(doc.statements, path);
  if (doc.bomFormat === "CycloneDX") return parseCycloneDxVex(doc, path);
  throw new VulnInputError(`${path}: neither OpenVEX (statements) nor CycloneDX VEX (bomFormat)`);
}

function parseOpenVex(statements: unknown[], path: string): VexStatement[] {
  return statements.map((s, i) => {
    const st = s as Record<string, unknown>;
    const vuln = st.vulnerability;
    const name =
      typeof vuln === "string"
        ? vuln
        : typeof (vuln as { name?: unknown })?.name === "string"
          ? (vuln as { name: string }).name
          : undefined;
    if (!name) throw new VulnInputError(`${path}: OpenVEX field statements[${i}].vulnerability needs a name`);
    const status = st.status;
    if (
      status !== "not_affected" &&
      status !== "fixed" &&
      status !== "affected" &&
      status !== "under_investigation"
    )
      throw new VulnInputError(
        `${path}: OpenVEX field statements[${i}].status must be not_affected, affected, fixed or under_investigation`,
      );
    const products = (Array.isArray(st.products) ? st.products : [])
      .map((p) => (typeof p === "string" ? p : ((p as { "@id"?: unknown })?.["@id"] as string | undefined)))
      .filter((p): p is string => typeof p === "string");
    const out: VexStatement = { vulnerability: name, products, status, source: `OpenVEX ${path}` };
    if (typeof st.justification === "string") out.justification = st.justification;
    const statement = st.impact_statement ?? st.status_notes;
    if (typeof statement === "string") out.statement = statement;
    return out;
  });
}

const CDX_STATE: Record<string, VexStatement["status"]> = {
  not_affected: "not_affected",
  false_positive: "not_affected",
  resolved: "fixed",
  resolved_with_pedigree: "fixed",
  exploitable: "affected",
  in_triage: "under_investigation",
};

function parseCycloneDxVex(doc: Record<string, unknown>, path: string): VexStatement[] {
  const purlOf = new Map<string, string>();
  const walk = (list: unknown) => {
    for (const c of Array.isArray(list) ? list : []) {
      const comp = c as { "bom-ref"?: unknown; purl?: unknown; components?: unknown };
      if (typeof comp?.["bom-ref"] === "string" && typeof comp.purl === "string")
        purlOf.set(comp["bom-ref"], comp.purl);
      walk(comp?.components);
    }
  };
  walk(doc.components);
  const vulns = doc.vulnerabilities;
  if (!Array.isArray(vulns))
    throw new VulnInputError(`${path}: CycloneDX VEX field vulnerabilities must be an array`);
  const out: VexStatement[] = [];
  for (const [i, v] of vulns.entries()) {
    const vuln = v as { id?: unknown; analysis?: Record<string, unknown>; affects?: { ref?: unknown }[] };
    if (typeof vuln?.id !== "string")
      throw new VulnInputError(`${path}: CycloneDX VEX field vulnerabilities[${i}].id must be a string`);
    const state = typeof vuln.analysis?.state === "string" ? CDX_STATE[vuln.analysis.state] : undefined;
    if (!state) continue; // no analysis: nothing is stated
    const products = (Array.isArray(vuln.affects) ? vuln.affects : [])
      .map((a) => (typeof a?.ref === "string" ? (purlOf.get(a.ref) ?? a.ref) : undefined))
      .filter((p): p is string => typeof p === "string");
    const statement: VexStatement = {
      vulnerability: vuln.id,
      products,
      status: state,
      source: `CycloneDX VEX ${path}`,
    };
    if (typeof vuln.analysis?.justification === "string")
      statement.justification = vuln.analysis.justification;
    if (typeof vuln.analysis?.detail === "string") statement.statement = vuln.analysis.detail;
    out.push(statement);
  }
  return out;
}

/** A statement's product purl covers a package purl when type, namespace and name agree, and version when it has one. */
export function productMatches(product: string, purl: string): boolean {
  if (product === purl) return true;
  try {
    const a = PackageURL.fromString(product);
    const b = PackageURL.fromString(purl);
    if (a.type !== b.type || (a.namespace ?? "") !== (b.namespace ?? "") || a.name !== b.name) return false;
    if (a.version && a.version !== b.version) return false;
    for (const [key, value] of Object.entries(a.qualifiers ?? {}))
      if ((b.qualifiers as Record<string, string> | undefined)?.[key] !== value) return false;
    return true;
  } catch {
    return false;
  }
}

/** Marks findings covered by a suppressing statement; later statements win over earlier ones. */
export function applyVex(findings: VulnFinding[], statements: readonly VexStatement[]): VulnFinding[] {
  return findings.map((finding) => {
    const ids = new Set([finding.id, ...finding.aliases]);
    let chosen: VexStatement | undefined;
    for (const st of statements) {
      if (!ids.has(st.vulnerability)) continue;
      if (st.products.length > 0 && !st.products.some((p) => productMatches(p, finding.package.purl)))
        continue;
      chosen = st;
    }
    if (!chosen || !SUPPRESSING.has(chosen.status)) return finding;
    const suppressed: NonNullable<VulnFinding["suppressed"]> = {
      status: chosen.status,
      source: chosen.source,
    };
    if (chosen.justification) suppressed.justification = chosen.justification;
    if (chosen.statement) suppressed.statement = chosen.statement;
    return { ...finding, suppressed };
  });
}
