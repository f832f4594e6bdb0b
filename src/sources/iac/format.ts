import type { Resource, ScanError } from "../../model/index.js";

/**
 * One IaC format (Terraform, CloudFormation, ARM, Kubernetes, Dockerfile).
 * Each lives in its own folder `src/sources/iac/<name>/` whose `index.ts`
 * exports `format`; scripts/gen-check-index.ts lists those folders in
 * `formats.generated.ts`, so adding a format is adding a folder.
 */
export interface IacFormat {
  /** "terraform", "cloudformation", "arm", "kubernetes", "dockerfile", "terraform-plan". */
  name: string;
  /**
   * Whether this format reads `file`. `head` is the first 4 KiB of the file as
   * UTF-8, for detection by content (a CloudFormation template is a YAML file
   * with `Resources:` and `AWSTemplateFormatVersion`/`Type: AWS::`, …). Must be
   * cheap and must not throw.
   */
  claims(file: string, head: string): boolean;
  /**
   * Suffixes of fixture file names this format loads in the checks meta-test,
   * longest match wins: ".tf", ".cfn.yaml", ".arm.json", ".k8s.yaml", "Dockerfile".
   */
  fixtureSuffixes: string[];
  /**
   * Turns the claimed files into canonical resources. Files arrive grouped as
   * the format wants them: Terraform receives every claimed file at once and
   * groups them by directory (a module); the others are per file. A file
   * that cannot be parsed gives an error (with line/column) and the others go on.
   */
  load(files: string[], options: IacLoadOptions): Promise<IacLoadResult>;
}

export interface IacLoadOptions {
  /** Terraform `--var name=value`, in order. */
  vars?: Record<string, string>;
  /** Terraform `--var-file`. */
  varFiles?: string[];
  /** CloudFormation and ARM parameter values (`--parameter`, `--parameters-file`); they override defaults. */
  parameters?: Record<string, unknown>;
  /** Folders that reported file paths are made relative to (the CLI passes the working directory, so paths match a repository checkout in SARIF). */
  roots?: string[];
  /** Files larger than this are refused with a clear error (bytes). */
  maxFileBytes?: number;
  /** Leave local Terraform modules outside `roots` unresolved (untrusted input: an uploaded archive must not read the server's files). */
  confineModules?: boolean;
}

/** An inline `# mamori:ignore <check-id> <reason>` (or the format's own comment style / metadata key). */
export interface InlineSuppression {
  /** The resource it applies to (its `id`), or undefined for the whole file. */
  resourceId?: string;
  /** A check id, or "*" for every check. */
  checkId: string;
  reason: string;
  file: string;
  line: number;
}

export interface IacLoadResult {
  resources: Resource[];
  errors: ScanError[];
  /** Things a user should know that are not errors: a registry module not resolved, a Helm chart skipped. */
  notes: ScanError[];
  suppressions: InlineSuppression[];
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export function emptyLoadResult(): IacLoadResult {
  return { resources: [], errors: [], notes: [], suppressions: [] };
}
