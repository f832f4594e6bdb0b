import { readFileSync } from "node:fs";

export class BaselineError extends Error {
  override name = "BaselineError";
}

/**
 * Fingerprints of the findings in a previous JSON report (`--format json`),
 * for `--baseline`: a CI gate that fails only on what a change introduced.
 */
export function readBaseline(file: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? error.message : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new BaselineError(`${file}: not a readable JSON report (${reason})`);
  }
  const findings = (doc as { findings?: unknown })?.findings;
  if (!Array.isArray(findings))
    throw new BaselineError(`${file}: no "findings" list; write baselines with --format json`);
  const fingerprints = new Set<string>();
  findings.forEach((finding, i) => {
    const value = (finding as { fingerprint?: unknown })?.fingerprint;
    if (typeof value !== "string") throw new BaselineError(`${file}: findings[${i}].fingerprint is missing`);
    fingerprints.add(value);
  });
  return fingerprints;
}
