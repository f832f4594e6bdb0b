import { createHash } from "node:crypto";
import picomatch from "picomatch";
import type { Severity } from "../model/index.js";
import { looksLikePlaceholder, shannonEntropy } from "./entropy.js";
import { SECRET_RULES, type SecretRule } from "./rules.js";

export interface SecretFinding {
  ruleId: string;
  title: string;
  severity: Severity;
  /** Path inside the image or filesystem. */
  path: string;
  line: number;
  column: number;
  /** The image layer whose file holds the secret (a secret in a layer stays in the image even if a later layer deletes the file). */
  layerDigest?: string;
  /** The secret with all but its first characters masked: "ghp_****". Never the full value. */
  redacted: string;
  /** The line around the secret, with the secret masked, at most 160 characters. */
  context: string;
  /** sha256 of rule id and secret, 16 hex characters: tells findings apart without showing them. */
  fingerprint: string;
}

export interface SecretScanOptions {
  /** Rules to use (default: all built-in rules). */
  rules?: SecretRule[];
  /** Rule ids to leave out. */
  disableRules?: string[];
  /** Glob patterns of paths never scanned (added to the defaults). */
  allowPaths?: string[];
  /** Exact secret values that are known not to be secrets (test keys). */
  allowValues?: string[];
  /** Bigger files are not scanned (default 2 MiB). */
  maxFileBytes?: number;
}

// Documentation, license texts, compiled or binary formats: no live secrets worth the scan.
const DEFAULT_ALLOW_PATHS = [
  "/usr/share/doc/**",
  "/usr/share/man/**",
  "/usr/share/locale/**",
  "/usr/share/zoneinfo/**",
  "/usr/share/i18n/**",
  "/usr/share/perl*/**",
  "**/.git/objects/**",
  // Installed npm packages: third-party code whose tests and docs are full of sample keys.
  "**/node_modules/**",
  "**/*.{md,rst,html,htm,map,min.js,svg,lock,sum}",
];

const BINARY_EXTENSIONS =
  /\.(?:png|jpe?g|gif|ico|webp|bmp|tiff?|pdf|zip|jar|war|ear|gz|tgz|bz2|xz|zst|7z|rar|tar|so(?:\.\d+)*|a|o|dll|exe|class|pyc|pyo|wasm|woff2?|ttf|otf|eot|mp[34]|mov|avi|ogg|wav|deb|rpm|apk|db|sqlite|bin|dat)$/i;

/** Masks a secret: its first four characters (two for short ones), then ****. */
export function redact(secret: string): string {
  const keep = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${secret.slice(0, keep)}****`;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function locate(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

export interface SecretScanner {
  /** How many bytes of this file to read for scanning (0: skip it). */
  wants(path: string, size: number): number;
  scan(path: string, content: Buffer | string, layerDigest?: string): SecretFinding[];
}

export function createSecretScanner(options: SecretScanOptions = {}): SecretScanner {
  const disabled = new Set(options.disableRules ?? []);
  const rules = (options.rules ?? SECRET_RULES).filter((r) => !disabled.has(r.id));
  const allowPath = picomatch([...DEFAULT_ALLOW_PATHS, ...(options.allowPaths ?? [])], { dot: true });
  const allowValues = new Set(options.allowValues ?? []);
  const maxFileBytes = options.maxFileBytes ?? 2 * 1024 * 1024;
  return {
    wants(path, size) {
      if (size === 0 || size > maxFileBytes || BINARY_EXTENSIONS.test(path) || allowPath(path)) return 0;
      return maxFileBytes;
    },
    scan(path, content, layerDigest) {
      if (typeof content !== "string") {
        // A NUL byte in the first 8 KiB: a binary file, whatever its name.
        if (content.subarray(0, 8192).includes(0)) return [];
      }
      const text = typeof content === "string" ? content : content.toString("utf8");
      return scanText(text, path, rules, allowValues, layerDigest);
    },
  };
}

function scanText(
  text: string,
  path: string,
  rules: readonly SecretRule[],
  allowValues: ReadonlySet<string>,
  layerDigest: string | undefined,
): SecretFinding[] {
  const lower = text.toLowerCase();
  const raw: { finding: SecretFinding; secret: string }[] = [];
  const seen = new Set<string>();
  let starts: number[] | undefined;
  for (const rule of rules) {
    if (!rule.keywords.some((k) => lower.includes(k))) continue;
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(text); m !== null; m = rule.regex.exec(text)) {
      if (m[0].length === 0) rule.regex.lastIndex++;
      const secret = m.groups?.secret ?? m[0];
      if (allowValues.has(secret) || looksLikePlaceholder(secret)) continue;
      if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
      if (rule.validate && !rule.validate(secret, m)) continue;
      // The match start: for a PEM key that is the BEGIN line, where a reader looks first.
      const offset = m.index;
      const key = `${rule.id}:${offset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      starts ??= lineStarts(text);
      const { line, column } = locate(starts, offset);
      const finding: SecretFinding = {
        ruleId: rule.id,
        title: rule.title,
        severity: rule.severity,
        path,
        line,
        column,
        redacted: redact(secret),
        context: "",
        fingerprint: createHash("sha256").update(`${rule.id}\0${secret}`).digest("hex").slice(0, 16),
      };
      if (layerDigest) finding.layerDigest = layerDigest;
      raw.push({ finding, secret });
    }
  }
  // The context masks every secret found on its line, not only its own.
  const byLine = new Map<number, string[]>();
  for (const { finding, secret } of raw)
    byLine.set(finding.line, [...(byLine.get(finding.line) ?? []), secret]);
  const findings = raw.map(({ finding }) => {
    const starts_ = starts as number[];
    const next = starts_[finding.line];
    let lineText = text.slice(starts_[finding.line - 1], next === undefined ? undefined : next - 1);
    for (const secret of (byLine.get(finding.line) ?? []).sort((a, b) => b.length - a.length))
      lineText = lineText.split(secret).join(redact(secret));
    lineText = lineText.trim();
    finding.context = lineText.length > 160 ? `${lineText.slice(0, 157)}...` : lineText;
    return finding;
  });
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Scans one text (a file's content) with the default rules. */
export function scanSecretsInText(
  text: string,
  path: string,
  options: SecretScanOptions & { layerDigest?: string } = {},
): SecretFinding[] {
  return createSecretScanner(options).scan(path, text, options.layerDigest);
}
