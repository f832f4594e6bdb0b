export {
  describeJsonError,
  MAX_DOCUMENT_BYTES,
  readResourceSnapshot,
  SnapshotError,
  type SnapshotItem,
} from "./resources.js";
