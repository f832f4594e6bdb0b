/** PostgreSQL message severities, least to most severe (log_min_messages, log_min_error_statement). */
const LEVELS = [
  "debug5",
  "debug4",
  "debug3",
  "debug2",
  "debug1",
  "info",
  "notice",
  "warning",
  "error",
  "log",
  "fatal",
  "panic",
];

/** True when `value` is a known severity at or above `minimum`. */
export function atLeast(value: string | undefined, minimum: string): boolean {
  const at = LEVELS.indexOf(String(value).toLowerCase());
  return at >= 0 && at >= LEVELS.indexOf(minimum);
}
