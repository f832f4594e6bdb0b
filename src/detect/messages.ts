/** Codes follow Falco's rule-loader codes so users can look them up in Falco's docs. */
export type LoadCode =
  | "LOAD_ERR_FILE_READ"
  | "LOAD_ERR_YAML_PARSE"
  | "LOAD_ERR_YAML_VALIDATE"
  | "LOAD_ERR_COMPILE_CONDITION"
  | "LOAD_ERR_COMPILE_OUTPUT"
  | "LOAD_ERR_VALIDATE"
  | "LOAD_UNKNOWN_SOURCE"
  | "LOAD_UNKNOWN_FILTER"
  | "LOAD_UNUSED_MACRO"
  | "LOAD_UNUSED_LIST"
  | "LOAD_UNKNOWN_ITEM"
  | "LOAD_UNKNOWN_PLUGIN"
  | "LOAD_ENGINE_VERSION"
  | "LOAD_SIGMA_UNSUPPORTED";

export interface LoadMessage {
  severity: "error" | "warning";
  code: LoadCode;
  file: string;
  line: number;
  col?: number;
  /** `rule X`, `macro Y`, `list Z`. */
  item?: string;
  message: string;
}

export function formatMessage(m: LoadMessage): string {
  const where = `${m.file}:${m.line}${m.col ? `:${m.col}` : ""}`;
  return `${where}: ${m.severity} ${m.code}${m.item ? ` (${m.item})` : ""}: ${m.message}`;
}
