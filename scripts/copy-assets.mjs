#!/usr/bin/env node
// Copies the data files the compiled code reads at run time into dist/.
import { chmodSync, cpSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
for (const dir of ["compliance/frameworks", "store/migrations"]) {
  cpSync(join(root, "src", dir), join(root, "dist", dir), { recursive: true });
}
chmodSync(join(root, "dist", "cli", "bin.js"), 0o755);
