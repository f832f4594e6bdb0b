/** A reference from a finding or check to one control of one compliance framework. */
export interface ComplianceRef {
  /** Framework family id, e.g. "cis-aws". */
  framework: string;
  version: string;
  /** Control id as the framework writes it, always a string ("1.10", not 1.1). */
  control: string;
}

export interface Control {
  id: string;
  title: string;
  /** Section heading, e.g. "Identity and Access Management". */
  section?: string;
  /** Automated controls are decided by checks; manual ones need a person. */
  automated: boolean;
  /** Check ids that decide this control (empty for manual controls). */
  checks: string[];
  /** e.g. "Level 1". */
  profile?: string;
}

export interface Framework {
  /** Framework family id, e.g. "cis-aws". */
  framework: string;
  version: string;
  /** `<framework>-<version>`, the id users type: "cis-aws-7.0.0". */
  id: string;
  name: string;
  description?: string;
  controls: Control[];
}

export type ControlStatus = "pass" | "fail" | "manual" | "no_data" | "error";

export interface ControlScore {
  control: Control;
  status: ControlStatus;
  passed: number;
  failed: number;
  errors: number;
}

export interface FrameworkScore {
  framework: Framework;
  controls: ControlScore[];
  /** Share of decided automated controls that pass, 0–100; null when none could be decided. */
  score: number | null;
  counts: Record<ControlStatus, number>;
}
