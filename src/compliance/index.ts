export { BUILTIN_FRAMEWORKS_DIR, FrameworkFileError, loadFrameworks, parseFrameworkFile } from "./load.js";
export { complianceIndex, scoreFramework } from "./score.js";
