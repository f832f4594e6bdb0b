import type { Command } from "commander";
import { checksCommand } from "./checks.js";
import { cloudCommand } from "./cloud.js";
import { dbCommand } from "./db.js";
import { detectCommand } from "./detect.js";
import { frameworksCommand } from "./frameworks.js";
import { fsCommand } from "./fs.js";
import { iacCommand } from "./iac.js";
import { imageCommand } from "./image.js";
import { muteCommand } from "./mute.js";
import { queryCommand } from "./query.js";
import { reportCommand } from "./report.js";
import { rulesCommand } from "./rules.js";
import { sbomCommand } from "./sbom.js";
import { scanCommand } from "./scan.js";
import { serveCommand } from "./serve.js";
import { tokenCommand } from "./token.js";

/** Every top-level command; a new command is a new file plus one line here. */
export const COMMANDS: (() => Command)[] = [
  scanCommand,
  iacCommand,
  imageCommand,
  fsCommand,
  sbomCommand,
  dbCommand,
  checksCommand,
  frameworksCommand,
  queryCommand,
  muteCommand,
  cloudCommand,
  detectCommand,
  rulesCommand,
  reportCommand,
  serveCommand,
  tokenCommand,
];
