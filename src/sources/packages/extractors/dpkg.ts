import { ExtractError, type Extractor, type Found } from "../types.js";

/** One stanza of a Debian control file, with the line it starts on. */
export interface Stanza {
  line: number;
  fields: Map<string, string>;
}

/** Parses deb822 control data (dpkg status, status.d): stanzas of `Field: value`, continuation lines indented. */
export function parseControl(text: string, file: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let current: Stanza | undefined;
  let lastField: string | undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    if (line.trim() === "") {
      current = undefined;
      lastField = undefined;
      continue;
    }
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (!current || lastField === undefined)
        throw new ExtractError(`${file}:${i + 1}: continuation line outside a field`);
      current.fields.set(lastField, `${current.fields.get(lastField)}\n${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0)
      throw new ExtractError(`${file}:${i + 1}: expected "Field: value", got "${line.slice(0, 60)}"`);
    if (!current) {
      current = { line: i + 1, fields: new Map() };
      stanzas.push(current);
    }
    lastField = line.slice(0, colon);
    current.fields.set(lastField, line.slice(colon + 1).trim());
  }
  return stanzas;
}

/** "openssl (3.0.11-1)" → name and version; the version defaults to the binary package's. */
export function parseSourceField(
  source: string | undefined,
  version: string,
): { name?: string; version: string } {
  if (!source) return { version };
  const m = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(source.trim());
  if (!m) return { version };
  return { name: m[1] as string, version: m[2]?.trim() ?? version };
}

function isInstalled(status: string | undefined): boolean {
  // Status is "want flag state"; only the state matters: a package being removed is still on disk
  // while its state reads "installed". status.d (distroless) stanzas have no Status at all.
  if (status === undefined) return true;
  const words = status.split(/\s+/);
  return words[words.length - 1] === "installed";
}

export function dpkgPackages(text: string, file: string): Found[] {
  const found: Found[] = [];
  for (const stanza of parseControl(text, file)) {
    const name = stanza.fields.get("Package");
    const version = stanza.fields.get("Version");
    if (!name || !version || !isInstalled(stanza.fields.get("Status"))) continue;
    const pkg: Found = { type: "deb", name, version };
    const arch = stanza.fields.get("Architecture");
    if (arch) pkg.arch = arch;
    const source = parseSourceField(stanza.fields.get("Source"), version);
    pkg.sourceName = source.name ?? name;
    pkg.sourceVersion = source.version;
    found.push(pkg);
  }
  return found;
}

export const dpkgExtractor: Extractor = {
  name: "dpkg",
  wants: ({ path }) =>
    path.endsWith("/var/lib/dpkg/status") ||
    (path.includes("/var/lib/dpkg/status.d/") && !path.endsWith(".md5sums") && !path.endsWith("/")),
  extract: ({ path, content }) => dpkgPackages(content.toString("utf8"), path),
};
