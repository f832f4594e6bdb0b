import { parse as parseYaml } from "yaml";
import { ExtractError, type Extractor, type Found } from "../types.js";
import { basename, isObject, parseJsonObject, str } from "./json-util.js";

/** "@scope/name" → namespace "@scope", name "name". */
export function npmFound(fullName: string, version: string): Found {
  if (fullName.startsWith("@")) {
    const slash = fullName.indexOf("/");
    if (slash > 0)
      return { type: "npm", namespace: fullName.slice(0, slash), name: fullName.slice(slash + 1), version };
  }
  return { type: "npm", name: fullName, version };
}

// An installed version is a plain semver; ranges, git URLs and file: links are not versions to match.
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;

function dedupe(found: Found[]): Found[] {
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = `${f.namespace ?? ""}/${f.name}@${f.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** package-lock.json / npm-shrinkwrap.json, lockfile versions 1, 2 and 3. */
export function npmLockPackages(content: Buffer | string, file: string): Found[] {
  const lock = parseJsonObject(content, file);
  const found: Found[] = [];
  if (isObject(lock.packages)) {
    // v2/v3: keys are install paths; the package name is what follows the last node_modules/.
    for (const [key, entry] of Object.entries(lock.packages)) {
      if (key === "" || !isObject(entry) || entry.link === true) continue;
      const at = key.lastIndexOf("node_modules/");
      if (at < 0) continue; // a workspace folder, not an installed package
      const name = str(entry.name) ?? key.slice(at + "node_modules/".length);
      const version = str(entry.version);
      if (version && EXACT_VERSION.test(version)) found.push(npmFound(name, version));
    }
    return dedupe(found);
  }
  const walk = (deps: unknown, depth: number) => {
    if (!isObject(deps) || depth > 200) return;
    for (const [name, entry] of Object.entries(deps)) {
      if (!isObject(entry)) continue;
      const version = str(entry.version);
      if (version && EXACT_VERSION.test(version)) found.push(npmFound(name, version));
      walk(entry.dependencies, depth + 1);
    }
  };
  walk(lock.dependencies, 0);
  return dedupe(found);
}

/** An installed package's own package.json. */
export function nodeModulePackage(content: Buffer | string, file: string): Found[] {
  const manifest = parseJsonObject(content, file);
  const name = str(manifest.name);
  const version = str(manifest.version);
  if (!name || !version || !EXACT_VERSION.test(version)) return [];
  const pkg = npmFound(name, version);
  const license = str(manifest.license);
  if (license) pkg.licenses = [license];
  return [pkg];
}

/** "@babel/core@^7.0.0" → "@babel/core"; "lodash@npm:^4.17.15" → "lodash". */
function nameOfDescriptor(descriptor: string): string | undefined {
  const d = descriptor.trim().replace(/^"|"$/g, "");
  const at = d.indexOf("@", 1);
  return at > 0 ? d.slice(0, at) : undefined;
}

/** yarn.lock: the classic v1 format, or the YAML of Yarn 2+ (berry). */
export function yarnLockPackages(content: Buffer | string, file: string): Found[] {
  const text = typeof content === "string" ? content : content.toString("utf8");
  if (/^__metadata:/m.test(text)) return yarnBerryPackages(text, file);
  const found: Found[] = [];
  let currentName: string | undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    if (line === "" || line.startsWith("#")) continue;
    if (!line.startsWith(" ")) {
      if (!line.endsWith(":"))
        throw new ExtractError(`${file}:${i + 1}: expected "descriptor:" at the start of an entry`);
      const first = line.slice(0, -1).split(",")[0] ?? "";
      currentName = nameOfDescriptor(first);
      continue;
    }
    const m = /^ {2}version:? "?([^"\s]+)"?$/.exec(line);
    if (m && currentName) {
      if (EXACT_VERSION.test(m[1] as string)) found.push(npmFound(currentName, m[1] as string));
      currentName = undefined;
    }
  }
  return dedupe(found);
}

function yarnBerryPackages(text: string, file: string): Found[] {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 0 });
  } catch (error) {
    throw new ExtractError(`${file}: invalid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!isObject(doc)) throw new ExtractError(`${file}: expected a mapping at the top level`);
  const found: Found[] = [];
  for (const [key, entry] of Object.entries(doc)) {
    if (key === "__metadata" || !isObject(entry)) continue;
    const resolution = str(entry.resolution) ?? "";
    // Workspaces, links and portals are the project's own folders, not registry packages.
    if (/@(?:workspace|link|portal|file):/.test(resolution)) continue;
    const name = nameOfDescriptor(resolution) ?? nameOfDescriptor(key.split(",")[0] ?? "");
    const version = entry.version === undefined ? undefined : String(entry.version);
    if (name && version && EXACT_VERSION.test(version)) found.push(npmFound(name, version));
  }
  return dedupe(found);
}

/**
 * pnpm-lock.yaml. Package keys by lockfile version: 5 "/name/1.0.0_peer", 6 "/name@1.0.0(peer)",
 * 9 "name@1.0.0(peer)"; scoped names keep their "@scope/".
 */
export function pnpmLockPackages(content: Buffer | string, file: string): Found[] {
  let doc: unknown;
  try {
    doc = parseYaml(typeof content === "string" ? content : content.toString("utf8"), { maxAliasCount: 0 });
  } catch (error) {
    throw new ExtractError(`${file}: invalid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!isObject(doc)) throw new ExtractError(`${file}: expected a mapping at the top level`);
  const found: Found[] = [];
  for (const section of [doc.packages, doc.snapshots]) {
    if (!isObject(section)) continue;
    for (const [rawKey, entry] of Object.entries(section)) {
      const key = rawKey.replace(/^\//, "").replace(/\(.*$/, "");
      let name: string | undefined;
      let version: string | undefined;
      const modern = /^(@[^/@]+\/[^/@]+|[^/@]+)@([^/]+)$/.exec(key); // v6, v9: name@version
      const legacy = /^(@[^/@]+\/[^/@]+|[^/@]+)\/([^/]+)$/.exec(key); // v5: name/version_peers
      if (modern) {
        name = modern[1];
        version = modern[2];
      } else if (legacy) {
        name = legacy[1];
        version = (legacy[2] as string).replace(/_.*$/, "");
      }
      if (isObject(entry) && str(entry.name)) name = str(entry.name);
      if (isObject(entry) && str(entry.version)) version = str(entry.version);
      if (name && version && EXACT_VERSION.test(version)) found.push(npmFound(name, version));
    }
  }
  return dedupe(found);
}

// node_modules/<name>/package.json or node_modules/@scope/<name>/package.json, at any depth.
const INSTALLED_MANIFEST = /\/node_modules\/(?:@[^/]+\/)?[^/@.][^/]*\/package\.json$/;

export const npmExtractors: Extractor[] = [
  {
    name: "npm-lock",
    wants: ({ path }) => {
      const base = basename(path);
      return (
        (base === "package-lock.json" || base === "npm-shrinkwrap.json") && !path.includes("/node_modules/")
      );
    },
    extract: ({ path, content }) => npmLockPackages(content, path),
  },
  {
    name: "node-modules",
    maxBytes: 4 * 1024 * 1024,
    wants: ({ path }) => INSTALLED_MANIFEST.test(path),
    extract: ({ path, content }) => nodeModulePackage(content, path),
  },
  {
    name: "yarn-lock",
    wants: ({ path }) => basename(path) === "yarn.lock" && !path.includes("/node_modules/"),
    extract: ({ path, content }) => yarnLockPackages(content, path),
  },
  {
    name: "pnpm-lock",
    wants: ({ path }) => basename(path) === "pnpm-lock.yaml" && !path.includes("/node_modules/"),
    extract: ({ path, content }) => pnpmLockPackages(content, path),
  },
];
