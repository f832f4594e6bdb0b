import { resolve } from "node:path";
import { builtinChecks, CheckRegistry } from "../checks/index.js";
import { complianceIndex, loadFrameworks } from "../compliance/index.js";
import type { ScanSummary } from "../model/index.js";
import { type ResourceItem, runPostureScan } from "../scan/posture.js";
import { readResourceSnapshot, SnapshotError } from "../sources/snapshot/index.js";
import { findMute, mutedBy, type Store } from "../store/index.js";

export interface SnapshotScanResult {
  scanId?: string;
  summary: ScanSummary;
  errors: string[];
}

const TOOL_INFO = { name: "Mamori", version: "server" };

/**
 * Scans snapshot files through the same pipeline as `mamori scan`
 * (runPostureScan with the built-in checks, the stored mutes and the
 * compliance index) and records the scan in the store.
 */
export async function scanSnapshots(
  store: Store,
  files: readonly string[],
  options: {
    scope?: string;
    target?: string;
    tool?: { name: string; version: string };
    /** Fail the scan (state untouched) when a file cannot be read at all, instead of scanning the rest. */
    refuseUnreadable?: boolean;
  } = {},
): Promise<SnapshotScanResult> {
  const frameworks = loadFrameworks();
  await store.syncFrameworks(frameworks);
  const mutes = await store.activeMutes();
  const errors: string[] = [];
  let scanId: string | undefined;
  const items = async function* (): AsyncGenerator<ResourceItem> {
    for (const file of files) {
      try {
        yield* readResourceSnapshot(file);
      } catch (error) {
        if (!(error instanceof SnapshotError) || options.refuseUnreadable) throw error;
        errors.push(error.message);
        yield { error: { source: file, message: error.message } };
      }
    }
  };
  const recorder = {
    beginScan: async (input: { kind: string; target: string; scope: string }) => {
      scanId = await store.beginScan(input);
      return scanId;
    },
    recordBatch: store.recordBatch.bind(store),
    completeScan: store.completeScan.bind(store),
    failScan: store.failScan.bind(store),
  };
  const { report } = await runPostureScan({
    kind: "snapshot",
    target: options.target ?? files.join(", "),
    scope:
      options.scope ??
      `snapshot:${files
        .map((f) => resolve(f))
        .sort()
        .join(",")}`,
    items: items(),
    registry: new CheckRegistry(builtinChecks),
    compliance: complianceIndex(frameworks),
    recorder,
    mute: (finding, resource) => {
      const mute = findMute(mutes, finding, resource.tags, new Date());
      return mute && mutedBy(mute);
    },
    tool: options.tool ?? TOOL_INFO,
  });
  for (const e of report.errors) if (!errors.includes(e.message)) errors.push(e.message);
  const result: SnapshotScanResult = { summary: report.summary, errors };
  if (scanId) result.scanId = scanId;
  return result;
}
