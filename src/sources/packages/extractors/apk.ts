import { ExtractError, type Extractor, type Found } from "../types.js";

/**
 * Alpine's installed database: stanzas of one-letter `X:value` lines separated by blank lines.
 * P name, V version, A arch, o origin (the source package advisories name), L license.
 */
export function apkPackages(text: string, file: string): Found[] {
  const found: Found[] = [];
  let fields = new Map<string, string>();
  const flush = () => {
    const name = fields.get("P");
    const version = fields.get("V");
    if (name && version) {
      const pkg: Found = {
        type: "apk",
        name,
        version,
        sourceName: fields.get("o") ?? name,
        sourceVersion: version,
      };
      const arch = fields.get("A");
      if (arch) pkg.arch = arch;
      const license = fields.get("L");
      if (license) pkg.licenses = [license];
      found.push(pkg);
    }
    fields = new Map();
  };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    if (line === "") {
      flush();
      continue;
    }
    if (line[1] !== ":")
      throw new ExtractError(`${file}:${i + 1}: expected "X:value", got "${line.slice(0, 60)}"`);
    const key = line[0] as string;
    // File entries (F, R, Z, a, M) repeat; the package fields appear once, first value wins.
    if (!fields.has(key)) fields.set(key, line.slice(2));
  }
  flush();
  return found;
}

export const apkExtractor: Extractor = {
  name: "apk",
  wants: ({ path }) => path.endsWith("/lib/apk/db/installed"),
  extract: ({ path, content }) => apkPackages(content.toString("utf8"), path),
};
