import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface CheckFolder {
  /** Path below src/checks, with forward slashes: aws/s3/block-public-access. */
  relativeDir: string;
  /** The id the folder gives the check: aws.s3.block-public-access. */
  id: string;
  absoluteDir: string;
}

/** Every folder under `root` that holds a check.ts, sorted by id. Used by the index generator and the meta-test. */
export function discoverCheckFolders(root: string): CheckFolder[] {
  const found: CheckFolder[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === "fixtures" || entry.name === "node_modules") continue;
      const child = join(dir, entry.name);
      if (existsSync(join(child, "check.ts"))) {
        const relativeDir = relative(root, child).split(sep).join("/");
        found.push({ relativeDir, id: relativeDir.split("/").join("."), absoluteDir: child });
      }
      walk(child);
    }
  };
  walk(root);
  return found.sort((a, b) => a.id.localeCompare(b.id));
}
