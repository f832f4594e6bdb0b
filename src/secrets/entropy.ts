/** Shannon entropy in bits per character: random tokens score ≥ 4, "password123" ≈ 3, "aaaa" 0. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

// Words that mark documentation, templates and test values rather than live credentials.
const PLACEHOLDER =
  /example|xxxx|changeme|change_me|placeholder|your[_-]|dummy|sample|redacted|\*\*\*\*|\$\{|\{\{|<[a-z_-]+>|^(?:test|fake|secret|password|none|null|true|false)$/i;

/** True for values that are clearly not real secrets: EXAMPLE keys, xxxx, ${VAR}, <token>, repeated characters. */
export function looksLikePlaceholder(value: string): boolean {
  if (PLACEHOLDER.test(value)) return true;
  // Runs like "aaaaaaaa" or "12345678" only.
  if (/^(.)\1+$/.test(value)) return true;
  return false;
}
