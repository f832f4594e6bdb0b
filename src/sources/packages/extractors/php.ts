import { ExtractError, type Extractor, type Found } from "../types.js";
import { basename, isObject, parseJsonObject, str } from "./json-util.js";

/** composer.lock: "packages" and "packages-dev", each { name: "vendor/pkg", version }. */
export function composerLockPackages(content: Buffer, file: string): Found[] {
  const doc = parseJsonObject(content, file);
  const found: Found[] = [];
  for (const key of ["packages", "packages-dev"] as const) {
    const list = doc[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new ExtractError(`${file}: "${key}" is not an array`);
    for (const entry of list) {
      if (!isObject(entry)) continue;
      const full = str(entry.name);
      const version = str(entry.version)?.replace(/^v(?=\d)/, "");
      if (!full || !version || version.startsWith("dev-")) continue;
      const slash = full.indexOf("/");
      const pkg: Found =
        slash > 0
          ? { type: "composer", namespace: full.slice(0, slash), name: full.slice(slash + 1), version }
          : { type: "composer", name: full, version };
      if (Array.isArray(entry.license))
        pkg.licenses = entry.license.filter((l): l is string => typeof l === "string");
      found.push(pkg);
    }
  }
  return found;
}

export const phpExtractors: Extractor[] = [
  {
    name: "composer-lock",
    wants: ({ path }) => basename(path) === "composer.lock" && !path.includes("/vendor/"),
    extract: ({ path, content }) => composerLockPackages(content, path),
  },
];
