import type { ScanReport } from "../model/index.js";

/** Options every writer receives; each reads the ones that concern it. */
export interface RenderOptions {
  /** Table: colour severities with ANSI escapes. Off unless `true`. */
  color?: boolean;
  /** Table: trim rows to this many columns (the terminal width). No trimming when absent. */
  width?: number;
  /**
   * SARIF: the folder that relative artifact URIs are relative to (`%SRCROOT%`),
   * normally the repository root. Absolute file paths below it are made
   * relative to it. When absent, relative paths are used as they are.
   */
  sourceRoot?: string;
}

/** One report format: a pure function from a scan report to text. */
export type ReportWriter = (report: ScanReport, options: RenderOptions) => string;
