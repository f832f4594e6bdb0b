import { resolve } from "node:path";
import { Command } from "commander";
import { complianceIndex } from "../../compliance/index.js";
import { type ResourceItem, runPostureScan } from "../../scan/posture.js";
import { readSnapshotFile } from "../../sources/read-snapshot.js";
import { SnapshotError } from "../../sources/snapshot/index.js";
import { findMute, mutedBy } from "../../store/index.js";
import {
  findFramework,
  loadAllFrameworks,
  loadRegistry,
  openConfiguredStore,
  parseFailOn,
  progress,
  TOOL,
  useColor,
} from "../context.js";
import { UsageError } from "../errors.js";
import { addPostureOptions, type PostureOptions, writePostureReport } from "../posture-output.js";

type ScanOptions = PostureOptions;

export function scanCommand(): Command {
  const command = new Command("scan")
    .summary("evaluate checks on resources saved in snapshot files")
    .description(
      'Evaluate every check on the resources in FILE...: canonical resources (JSON array, {"resources": [...]},\n' +
        "JSON Lines or YAML) or a GCP Cloud Asset Inventory export (gcloud asset export, JSON lines);\n" +
        "record the scan in the store and report the failing findings.",
    )
    .argument("<file...>", "snapshot files of canonical resources");
  addPostureOptions(command);
  return command.action(async (files: string[], options: ScanOptions) => {
    const colorTerminal = useColor();
    const failOn = options.failOn === undefined ? undefined : parseFailOn(options.failOn);
    const registry = loadRegistry(options.checksDir);
    const frameworks = loadAllFrameworks();
    const framework = options.compliance ? findFramework(frameworks, options.compliance) : undefined;
    const store = options.store ? await openConfiguredStore(options) : undefined;
    const bar = progress("resources evaluated");
    try {
      await store?.syncFrameworks(frameworks);
      const mutes = store ? await store.activeMutes() : [];
      const readable: string[] = [];
      const unreadable: string[] = [];
      const items = async function* (): AsyncGenerator<ResourceItem> {
        for (const file of files) {
          try {
            yield* readSnapshotFile(file);
            readable.push(file);
          } catch (error) {
            if (!(error instanceof SnapshotError)) throw error;
            unreadable.push(error.message);
            yield { error: { source: file, message: error.message } };
          }
        }
      };
      const { report, allFindings } = await runPostureScan({
        kind: "snapshot",
        target: files.join(", "),
        scope: `snapshot:${files
          .map((f) => resolve(f))
          .sort()
          .join(",")}`,
        items: items(),
        registry,
        compliance: complianceIndex(frameworks),
        recorder: store,
        mute: (finding, resource) => {
          const mute = findMute(mutes, finding, resource.tags, new Date());
          return mute && mutedBy(mute);
        },
        includePassed: options.includePassed,
        onProgress: (n) => bar.update(n),
        tool: TOOL,
      });
      bar.done();
      if (readable.length === 0) throw new UsageError(unreadable[0] ?? "nothing could be scanned");
      writePostureReport({
        report,
        allFindings,
        format: options.format,
        output: options.output,
        color: colorTerminal,
        framework,
        failOn,
      });
    } finally {
      bar.done();
      await store?.close();
    }
  });
}
