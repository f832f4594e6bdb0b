import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { normalizeResource, type Resource, validateResource } from "../model/index.js";
import type { IacFormat } from "../sources/iac/format.js";
import { iacFormats } from "../sources/iac/formats.generated.js";

/**
 * Turns one fixture file into the resources it describes. Canonical resource
 * fixtures (.json, .yaml) are read here; IaC formats add their loader to
 * FIXTURE_LOADERS so the same meta-test covers them.
 */
export type FixtureLoader = (file: string) => Resource[] | Promise<Resource[]>;

export const FIXTURE_LOADERS: Record<string, FixtureLoader> = {
  ".json": (file) => canonicalFixture(file, JSON.parse(readFileSync(file, "utf8"))),
  ".yaml": (file) => canonicalFixture(file, parseYaml(readFileSync(file, "utf8"))),
  ".yml": (file) => canonicalFixture(file, parseYaml(readFileSync(file, "utf8"))),
};

function canonicalFixture(file: string, doc: unknown): Resource[] {
  const items = Array.isArray(doc) ? doc : [doc];
  return items.map((item, i) => {
    const issues = validateResource(item, `[${i}]`);
    if (issues.length > 0)
      throw new Error(`${file}: ${issues.map((x) => `${x.field} ${x.message}`).join("; ")}`);
    return normalizeResource(item as Record<string, unknown>, { kind: "snapshot", file });
  });
}

/** The IaC format whose fixture suffix is the longest match of the file name. */
export function fixtureFormat(
  file: string,
  formats: readonly IacFormat[] = iacFormats,
): IacFormat | undefined {
  const name = basename(file);
  let best: { format: IacFormat; length: number } | undefined;
  for (const format of formats)
    for (const suffix of format.fixtureSuffixes)
      if (name.endsWith(suffix) && (!best || suffix.length > best.length))
        best = { format, length: suffix.length };
  return best?.format;
}

export async function loadFixture(file: string): Promise<Resource[]> {
  const format = fixtureFormat(file);
  if (format) {
    const result = await format.load([file], {});
    const problems = [...result.errors].map((e) => `${e.source}${e.line ? `:${e.line}` : ""}: ${e.message}`);
    if (problems.length > 0) throw new Error(`${file}: ${problems.join("; ")}`);
    return result.resources;
  }
  const loader = FIXTURE_LOADERS[extname(file)];
  if (!loader)
    throw new Error(`${file}: no fixture loader for ${extname(file) || "files without an extension"}`);
  return loader(file);
}
