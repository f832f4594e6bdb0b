import type { Extractor, Found } from "../types.js";
import { basename, isObject, parseJsonObject, str } from "./json-util.js";

/** packages.lock.json: dependencies per target framework, name → { type, resolved }. */
export function nugetLockPackages(content: Buffer, file: string): Found[] {
  const doc = parseJsonObject(content, file);
  const found = new Map<string, Found>();
  if (!isObject(doc.dependencies)) return [];
  for (const framework of Object.values(doc.dependencies)) {
    if (!isObject(framework)) continue;
    for (const [name, entry] of Object.entries(framework)) {
      if (!isObject(entry) || entry.type === "Project") continue;
      const version = str(entry.resolved);
      if (version) found.set(`${name.toLowerCase()}@${version}`, { type: "nuget", name, version });
    }
  }
  return [...found.values()];
}

/** *.deps.json (next to a published .NET application): libraries "Name/1.2.3" of type "package". */
export function depsJsonPackages(content: Buffer, file: string): Found[] {
  const doc = parseJsonObject(content, file);
  const found: Found[] = [];
  if (!isObject(doc.libraries)) return [];
  for (const [key, entry] of Object.entries(doc.libraries)) {
    if (!isObject(entry) || entry.type !== "package") continue;
    const slash = key.lastIndexOf("/");
    if (slash <= 0) continue;
    found.push({ type: "nuget", name: key.slice(0, slash), version: key.slice(slash + 1) });
  }
  return found;
}

export const dotnetExtractors: Extractor[] = [
  {
    name: "nuget-lock",
    wants: ({ path }) => basename(path) === "packages.lock.json",
    extract: ({ path, content }) => nugetLockPackages(content, path),
  },
  {
    name: "deps-json",
    wants: ({ path }) => path.endsWith(".deps.json"),
    extract: ({ path, content }) => depsJsonPackages(content, path),
  },
];
