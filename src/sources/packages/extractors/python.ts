import { parse as parseToml } from "smol-toml";
import { ExtractError, type Extractor, type Found } from "../types.js";
import { basename, isObject, parseJsonObject, str } from "./json-util.js";

/** Core metadata (METADATA, PKG-INFO): RFC 822 headers up to the first blank line. */
export function pythonMetadataPackages(text: string, file: string): Found[] {
  let name: string | undefined;
  let version: string | undefined;
  let license: string | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "") break;
    const m = /^([A-Za-z-]+):\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const key = (m[1] as string).toLowerCase();
    if (key === "name") name ??= m[2];
    else if (key === "version") version ??= m[2];
    else if (key === "license-expression" || (key === "license" && !license)) license = m[2];
  }
  if (!name || !version) {
    if (text.trim() === "") return [];
    throw new ExtractError(`${file}: core metadata without Name and Version`);
  }
  const pkg: Found = { type: "pypi", name, version };
  if (license && license !== "UNKNOWN" && license.length < 100) pkg.licenses = [license];
  return [pkg];
}

/** requirements.txt: only pinned lines (`name==1.2`, `name[extra]===1.2 ; marker`) name an installed version. */
export function requirementsPackages(text: string): Found[] {
  const found: Found[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "" || line.startsWith("-")) continue;
    const m =
      /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([A-Za-z0-9._!+-]+)\s*(?:[;\\]|--hash|$)/.exec(
        line,
      );
    if (m && !(m[2] as string).includes("*"))
      found.push({ type: "pypi", name: m[1] as string, version: m[2] as string });
  }
  return found;
}

function tomlDocument(text: string, file: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ExtractError(`${file}: invalid TOML: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** poetry.lock and uv.lock: `[[package]]` tables with name and version. */
export function tomlLockPackages(text: string, file: string, type: "pypi" | "cargo"): Found[] {
  const doc = tomlDocument(text, file);
  const packages = doc.package;
  if (packages === undefined) return [];
  if (!Array.isArray(packages)) throw new ExtractError(`${file}: "package" is not an array of tables`);
  const found: Found[] = [];
  for (const entry of packages) {
    if (!isObject(entry)) continue;
    const name = str(entry.name);
    const version = str(entry.version);
    if (!name || !version) continue;
    const source = entry.source;
    if (type === "cargo") {
      // Path and workspace crates have no source; only registry crates are on crates.io.
      if (typeof source !== "string" || !source.startsWith("registry+")) continue;
    } else if (isObject(source) && (source.editable !== undefined || source.virtual !== undefined)) {
      continue; // uv: the project itself and local editable installs
    } else if (isObject(source) && (source.type === "directory" || source.type === "file")) {
      continue; // poetry: local paths
    }
    found.push({ type, name, version });
  }
  return found;
}

/** Pipfile.lock: "default" and "develop" maps of name → { version: "==1.2" }. */
export function pipfileLockPackages(content: Buffer, file: string): Found[] {
  const doc = parseJsonObject(content, file);
  const found: Found[] = [];
  for (const section of [doc.default, doc.develop]) {
    if (!isObject(section)) continue;
    for (const [name, entry] of Object.entries(section)) {
      const version = isObject(entry) ? str(entry.version) : undefined;
      if (version?.startsWith("=="))
        found.push({ type: "pypi", name, version: version.replace(/^===?/, "") });
    }
  }
  return found;
}

export const pythonExtractors: Extractor[] = [
  {
    name: "python-metadata",
    maxBytes: 8 * 1024 * 1024,
    wants: ({ path }) =>
      /\.dist-info\/METADATA$/.test(path) ||
      /(?:\.egg-info|EGG-INFO)\/PKG-INFO$/.test(path) ||
      // A single-file .egg-info (distutils installs) holds PKG-INFO content directly.
      (path.endsWith(".egg-info") && path.includes("-packages/")),
    extract: ({ path, content }) => pythonMetadataPackages(content.toString("utf8"), path),
  },
  {
    name: "requirements",
    wants: ({ path }) =>
      /^requirements[\w.-]*\.txt$/.test(basename(path)) && !path.includes("/site-packages/"),
    extract: ({ content }) => requirementsPackages(content.toString("utf8")),
  },
  {
    name: "poetry-lock",
    wants: ({ path }) => basename(path) === "poetry.lock",
    extract: ({ path, content }) => tomlLockPackages(content.toString("utf8"), path, "pypi"),
  },
  {
    name: "uv-lock",
    wants: ({ path }) => basename(path) === "uv.lock",
    extract: ({ path, content }) => tomlLockPackages(content.toString("utf8"), path, "pypi"),
  },
  {
    name: "pipfile-lock",
    wants: ({ path }) => basename(path) === "Pipfile.lock",
    extract: ({ path, content }) => pipfileLockPackages(content, path),
  },
];
