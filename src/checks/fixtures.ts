import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { normalizeResource, type Resource, validateResource } from "../model/index.js";

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

export async function loadFixture(file: string): Promise<Resource[]> {
  const loader = FIXTURE_LOADERS[extname(file)];
  if (!loader)
    throw new Error(`${file}: no fixture loader for ${extname(file) || "files without an extension"}`);
  return loader(file);
}
