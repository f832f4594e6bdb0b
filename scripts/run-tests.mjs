#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner (via tsx).
// Node 20's --test takes no globs, so the files are listed here.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["src", "test", "bench"];
const files = [];
const walk = (dir) => {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "fixtures") walk(path);
    else if (entry.isFile() && entry.name.endsWith(".test.ts")) files.push(relative(root, path));
  }
};
for (const r of roots) walk(join(root, r));
files.sort();
if (files.length === 0) {
  console.error("run-tests: no test files found");
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
  { cwd: root, stdio: "inherit" },
);
process.exit(result.status ?? 1);
