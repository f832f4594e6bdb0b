import { closeSync, openSync, readSync } from "node:fs";
import { resolve } from "node:path";
import { Command } from "commander";
import type { ResourceItem } from "../../scan/posture.js";
import { readAssetExport } from "../../sources/gcp/asset-export.js";
import { looksLikeSearchAllResources, readSearchAllResources } from "../../sources/gcp/search-all.js";
import { addInventoryOptions, type InventoryScanOptions, runInventoryScan } from "./cloud-azure.js";

/** An asset export (JSON lines) or search-all-resources output (a JSON array), told apart by its first bytes. */
function readGcpSnapshot(path: string): AsyncGenerator<ResourceItem> {
  let head = "";
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(4096);
    head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString("utf8");
  } catch {
    // The reader reports the unreadable path with its reason.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return looksLikeSearchAllResources(head) ? readSearchAllResources(path) : readAssetExport(path);
}

export function gcpCommand(): Command {
  const command = new Command("gcp")
    .summary("evaluate every check on a saved Google Cloud inventory (Cloud Asset Inventory)")
    .description(
      "Read a saved Cloud Asset Inventory and evaluate the checks on it, for air-gapped use:\n" +
        "  - `gcloud asset export --content-type=resource` and/or `--content-type=iam-policy` output\n" +
        "    (JSON lines; both exports may be concatenated into one file);\n" +
        "  - `gcloud asset search-all-resources --format=json` output (add --read-mask='*' for settings).\n" +
        "A malformed line is reported with its line number and skipped; settings the inventory does not\n" +
        "hold are unknown, so no check fails on them.",
    )
    .requiredOption("--snapshot <file>", "asset export (JSON lines) or search-all-resources JSON");
  addInventoryOptions(command, "cis-gcp-5.0.0");
  return command.action((options: InventoryScanOptions & { snapshot: string }) =>
    runInventoryScan("gcp", options, {
      target: `gcp snapshot ${options.snapshot}`,
      scope: `gcp:snapshot:${resolve(options.snapshot)}`,
      read: () => readGcpSnapshot(options.snapshot),
    }),
  );
}
