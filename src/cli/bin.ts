#!/usr/bin/env node
import { main } from "./main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mamori: internal error: ${String(error)}\n`);
    process.exitCode = 3;
  },
);
