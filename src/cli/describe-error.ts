import { UsageError } from "./errors.js";

/**
 * Errors that mean "your input or setup is wrong" become one line and exit 2;
 * anything else is a bug in Mamori. Modules mark their input errors with
 * their own Error subclasses, listed here by name so the CLI need not import
 * every module.
 */
const INPUT_ERRORS = new Set([
  "UsageError",
  "SnapshotError",
  "CustomCheckError",
  "FrameworkFileError",
  "CheckRegistryError",
  "StoreError",
  "QueryError",
]);

export function describeError(error: unknown): { message: string; usage: boolean } {
  if (error instanceof UsageError) return { message: error.message, usage: true };
  if (error instanceof Error && INPUT_ERRORS.has(error.name))
    return { message: error.message.split("\n")[0] ?? error.message, usage: true };
  if (error instanceof Error) return { message: `internal error: ${error.message}`, usage: false };
  return { message: `internal error: ${String(error)}`, usage: false };
}
