import { ExtractError } from "../types.js";

/** JSON.parse with the file named in the error, and an object required at the top. */
export function parseJsonObject(content: Buffer | string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(typeof content === "string" ? content : content.toString("utf8"));
  } catch (error) {
    throw new ExtractError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new ExtractError(`${file}: expected a JSON object at the top level`);
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
