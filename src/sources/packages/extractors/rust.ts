import { inflateSync } from "node:zlib";
import { ExtractError, type Extractor, type Found } from "../types.js";
import { elfSection } from "./elf.js";
import { basename } from "./json-util.js";
import { tomlLockPackages } from "./python.js";

const MAX_AUDIT_JSON = 16 * 1024 * 1024;

/**
 * cargo-auditable embeds the dependency tree in an ELF section `.dep-v0`: zlib-compressed JSON
 * `{ packages: [{ name, version, source, kind?, root? }] }`. Crates from crates.io are reported.
 */
export function cargoAuditablePackages(binary: Buffer, file: string): Found[] {
  const section = elfSection(binary, ".dep-v0");
  if (!section) return [];
  let json: string;
  try {
    json = inflateSync(section, { maxOutputLength: MAX_AUDIT_JSON }).toString("utf8");
  } catch (error) {
    throw new ExtractError(`${file}: .dep-v0 section is not zlib data: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new ExtractError(`${file}: .dep-v0 section is not JSON`);
  }
  const packages = (doc as { packages?: unknown }).packages;
  if (!Array.isArray(packages)) throw new ExtractError(`${file}: .dep-v0 has no "packages" list`);
  const found: Found[] = [];
  for (const entry of packages as Record<string, unknown>[]) {
    if (typeof entry?.name !== "string" || typeof entry.version !== "string") continue;
    if (entry.source !== "crates.io" && entry.source !== "registry") continue;
    found.push({ type: "cargo", name: entry.name, version: entry.version });
  }
  return found;
}

export const rustExtractors: Extractor[] = [
  {
    name: "cargo-lock",
    wants: ({ path }) => basename(path) === "Cargo.lock",
    extract: ({ path, content }) => tomlLockPackages(content.toString("utf8"), path, "cargo"),
  },
  {
    name: "cargo-auditable",
    maxBytes: 256 * 1024 * 1024,
    wants: ({ mode, size, path }) =>
      (mode & 0o111) !== 0 && size >= 1024 && !/\.(?:sh|py|pl|rb|js)$/.test(path),
    extract: ({ path, content }) => cargoAuditablePackages(content, path),
  },
];
