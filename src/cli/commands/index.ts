import type { Command } from "commander";
import { checksCommand } from "./checks.js";
import { frameworksCommand } from "./frameworks.js";
import { iacCommand } from "./iac.js";
import { muteCommand } from "./mute.js";
import { queryCommand } from "./query.js";
import { reportCommand } from "./report.js";
import { scanCommand } from "./scan.js";

/** Every top-level command; a new command is a new file plus one line here. */
export const COMMANDS: (() => Command)[] = [
  scanCommand,
  iacCommand,
  checksCommand,
  frameworksCommand,
  queryCommand,
  muteCommand,
  reportCommand,
];
