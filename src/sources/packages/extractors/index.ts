// Every extractor module of this folder, in one list. A new format is a new file here plus one
// line below; registry.test.ts fails when a file of this folder is missing from the list.
import type { Extractor } from "../types.js";
import { apkExtractor } from "./apk.js";
import { dotnetExtractors } from "./dotnet.js";
import { dpkgExtractor } from "./dpkg.js";
import { goExtractors } from "./go.js";
import { javaExtractors } from "./java.js";
import { npmExtractors } from "./npm.js";
import { phpExtractors } from "./php.js";
import { pythonExtractors } from "./python.js";
import { rpmExtractor } from "./rpm.js";
import { rubyExtractors } from "./ruby.js";
import { rustExtractors } from "./rust.js";

export const EXTRACTOR_MODULES: Record<string, Extractor[]> = {
  apk: [apkExtractor],
  dotnet: dotnetExtractors,
  dpkg: [dpkgExtractor],
  go: goExtractors,
  java: javaExtractors,
  npm: npmExtractors,
  php: phpExtractors,
  python: pythonExtractors,
  rpm: [rpmExtractor],
  ruby: rubyExtractors,
  rust: rustExtractors,
};
