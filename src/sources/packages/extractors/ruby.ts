import type { Extractor, Found } from "../types.js";
import { basename } from "./json-util.js";

// A platform-specific gem's version carries its platform: "1.13.10-x86_64-linux".
function stripPlatform(version: string): string {
  const dash = version.indexOf("-");
  return dash > 0 && /^[a-z]/i.test(version.slice(dash + 1)) ? version.slice(0, dash) : version;
}

/** Gemfile.lock: the `specs:` of GEM sections, four-space indented "name (version)". */
export function gemfileLockPackages(text: string): Found[] {
  const found: Found[] = [];
  let section = "";
  let inSpecs = false;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (/^[A-Z]/.test(line)) {
      section = line.trim();
      inSpecs = false;
      continue;
    }
    if (line === "  specs:") {
      inSpecs = section === "GEM";
      continue;
    }
    if (!inSpecs) continue;
    const m = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line);
    if (m) found.push({ type: "gem", name: m[1] as string, version: stripPlatform(m[2] as string) });
  }
  return found;
}

/** An installed gem's specification (`specifications/NAME-VERSION.gemspec`), as RubyGems writes it. */
export function gemspecPackages(text: string): Found[] {
  const name = /\.name\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  const version = /\.version\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (!name || !version) return [];
  const pkg: Found = { type: "gem", name, version };
  const license = /\.licenses?\s*=\s*\[?["']([^"']+)["']/.exec(text)?.[1];
  if (license) pkg.licenses = [license];
  return [pkg];
}

export const rubyExtractors: Extractor[] = [
  {
    name: "gemfile-lock",
    wants: ({ path }) => {
      const base = basename(path);
      return (base === "Gemfile.lock" || base === "gems.locked") && !path.includes("/gems/");
    },
    extract: ({ content }) => gemfileLockPackages(content.toString("utf8")),
  },
  {
    name: "gemspec",
    maxBytes: 1024 * 1024,
    wants: ({ path }) => /\/specifications\/[^/]+\.gemspec$/.test(path),
    extract: ({ content }) => gemspecPackages(content.toString("utf8")),
  },
];
