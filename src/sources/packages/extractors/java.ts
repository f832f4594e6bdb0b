import { unzipSync } from "fflate";
import { ExtractError, type Extractor, type Found } from "../types.js";
import { basename } from "./json-util.js";

const ARCHIVE = /\.(?:jar|war|ear|par|sar|jpi|hpi|rar)$/i;
const MAX_NESTING = 4;
const MAX_META_BYTES = 1024 * 1024;
const MAX_NESTED_BYTES = 128 * 1024 * 1024;
const MAX_ENTRIES = 100_000;

function parseProperties(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^#!=:\s][^=:]*?)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (m) map.set(m[1] as string, m[2] as string);
  }
  return map;
}

/** MANIFEST.MF main section: "Key: value" with 72-byte lines continued by a leading space. */
function parseManifest(text: string): Map<string, string> {
  const map = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === "") break; // end of the main section
    if (line.startsWith(" ") && last) {
      map.set(last, `${map.get(last)}${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    map.set(last, line.slice(colon + 1).trim());
  }
  return map;
}

/** "commons-lang3-3.12.0.jar" → artifact and version, the last resort when the jar has no metadata. */
function fromFileName(name: string): { artifact: string; version: string } | undefined {
  const m = /^(.+?)-(\d[\w.+-]*?)\.[a-z]+$/i.exec(basename(name));
  return m ? { artifact: m[1] as string, version: m[2] as string } : undefined;
}

/**
 * Packages in a Java archive: one per `META-INF/maven/<group>/<artifact>/pom.properties`
 * (shaded jars hold many), else one from MANIFEST.MF, else one from the file name; nested
 * archives (WEB-INF/lib, BOOT-INF/lib, ear modules) are read the same way, to a fixed depth.
 */
export function javaArchivePackages(data: Uint8Array, file: string, inner = "", depth = 0): Found[] {
  let entries: Record<string, Uint8Array>;
  let count = 0;
  try {
    entries = unzipSync(data, {
      filter: (entry) => {
        if (++count > MAX_ENTRIES)
          throw new ExtractError(`${file}${inner}: more than ${MAX_ENTRIES} zip entries`);
        if (entry.name.endsWith("/pom.properties") && entry.name.startsWith("META-INF/maven/"))
          return entry.originalSize <= MAX_META_BYTES;
        if (entry.name === "META-INF/MANIFEST.MF") return entry.originalSize <= MAX_META_BYTES;
        return depth < MAX_NESTING && ARCHIVE.test(entry.name) && entry.originalSize <= MAX_NESTED_BYTES;
      },
    });
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    throw new ExtractError(`${file}${inner}: not a readable zip archive: ${(error as Error).message}`);
  }
  const found: Found[] = [];
  const innerPath = inner.replace(/^!\//, "");
  const withInner = (pkg: Found): Found => (innerPath ? { ...pkg, innerPath } : pkg);
  const decoder = new TextDecoder();
  for (const [name, content] of Object.entries(entries)) {
    if (!name.endsWith("/pom.properties")) continue;
    const props = parseProperties(decoder.decode(content));
    const group = props.get("groupId");
    const artifact = props.get("artifactId");
    const version = props.get("version");
    if (group && artifact && version)
      found.push(withInner({ type: "maven", namespace: group, name: artifact, version }));
  }
  if (found.length === 0) {
    const manifestBytes = entries["META-INF/MANIFEST.MF"];
    const manifest = manifestBytes ? parseManifest(decoder.decode(manifestBytes)) : new Map<string, string>();
    const fromName = fromFileName(innerPath || file);
    const version =
      manifest.get("Implementation-Version") ?? manifest.get("Bundle-Version") ?? fromName?.version;
    const group =
      manifest.get("Implementation-Vendor-Id") ??
      manifest
        .get("Bundle-SymbolicName")
        ?.split(";")[0]
        ?.replace(/\.[^.]+$/, "") ??
      undefined;
    const artifact = fromName?.artifact ?? manifest.get("Implementation-Title");
    if (artifact && version && /^\d/.test(version)) {
      const pkg: Found = { type: "maven", name: artifact, version };
      if (group) pkg.namespace = group;
      found.push(withInner(pkg));
    }
  }
  for (const [name, content] of Object.entries(entries)) {
    if (ARCHIVE.test(name)) found.push(...javaArchivePackages(content, file, `${inner}!/${name}`, depth + 1));
  }
  return found;
}

export const javaExtractors: Extractor[] = [
  {
    name: "java-archive",
    maxBytes: 512 * 1024 * 1024,
    wants: ({ path }) => ARCHIVE.test(path),
    extract: ({ path, content }) => javaArchivePackages(content, path),
  },
];
