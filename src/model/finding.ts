import { createHash } from "node:crypto";
import type { Evidence } from "./evidence.js";
import type { ComplianceRef } from "./framework.js";
import type { Location, ResourceRef } from "./resource.js";
import type { Severity } from "./severity.js";

export const FINDING_STATUSES = ["fail", "pass", "error", "not_applicable"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** One check's verdict on one resource (or one part of it, see `Finding.key`). */
export interface Finding {
  checkId: string;
  title: string;
  status: FindingStatus;
  severity: Severity;
  /** One sentence for a person: what is wrong (or right) with this resource. */
  message: string;
  resource: ResourceRef;
  evidence?: Evidence;
  /** File and lines, for resources that came from a file. */
  location?: Location;
  compliance: ComplianceRef[];
  remediation?: string;
  /**
   * Stable identity: the same check on the same resource (and the same part
   * of it) gives the same fingerprint in every scan, whatever its status.
   */
  fingerprint: string;
  /** Sub-element the finding is about (e.g. one security-group rule); part of the fingerprint. */
  key?: string;
  /** Set when a mute or an inline suppression applies. */
  muted?: { reason: string; owner?: string; expiresAt?: string };
}

/**
 * The fingerprint hashes what identifies the finding and nothing that
 * changes between scans (no line numbers, no message, no status), so a
 * finding keeps its identity when a file is edited above it.
 */
export function fingerprint(
  checkId: string,
  resource: Pick<ResourceRef, "type" | "id">,
  key?: string,
): string {
  return createHash("sha256")
    .update([checkId, resource.type, resource.id, key ?? ""].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}
