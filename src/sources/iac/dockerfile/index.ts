import { basename } from "node:path";
import {
  DEFAULT_MAX_FILE_BYTES,
  emptyLoadResult,
  type IacFormat,
  type IacLoadOptions,
  type IacLoadResult,
} from "../format.js";
import { displayPath, readCapped } from "../kubernetes/index.js";
import { parseIgnore, suppression } from "../kubernetes/suppress.js";
import { parseDockerfile } from "./parse.js";

/** `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile` (any case). */
export function isDockerfileName(file: string): boolean {
  const name = basename(file).toLowerCase();
  return (
    name === "dockerfile" ||
    name === "containerfile" ||
    name.startsWith("dockerfile.") ||
    name.startsWith("containerfile.") ||
    name.endsWith(".dockerfile") ||
    name.endsWith(".containerfile")
  );
}

export const format: IacFormat = {
  name: "dockerfile",
  fixtureSuffixes: ["Dockerfile", ".Dockerfile", "Containerfile"],
  claims(file) {
    return isDockerfileName(file) && !/\.(dockerignore|md|txt|json|ya?ml)$/i.test(file);
  },
  load: loadDockerfiles,
};

export async function loadDockerfiles(files: string[], options: IacLoadOptions): Promise<IacLoadResult> {
  const result = emptyLoadResult();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const file of files) {
    const text = readCapped(file, maxBytes, result.errors, options.roots);
    if (text === undefined) continue;
    const display = displayPath(file, options.roots);
    const parsed = parseDockerfile(text, display);
    if (parsed.errors.length > 0) {
      result.errors.push(...parsed.errors);
      continue;
    }
    const id = `${display}#image`;
    for (const comment of parsed.comments) {
      const match = /^mamori:ignore\b(.*)$/.exec(comment.text.trim());
      if (!match) continue;
      const ignore = parseIgnore(match[1] ?? "");
      if (typeof ignore === "string")
        result.errors.push({ source: display, message: ignore, line: comment.line });
      else result.suppressions.push(suppression(ignore, display, comment.line, id));
    }
    const lineCount = text.split("\n").length;
    result.resources.push({
      type: "docker.image-config",
      id,
      provider: "docker",
      name: parsed.finalStageName ? `${display} (${parsed.finalStageName})` : display,
      tags: {},
      properties: parsed.properties,
      provenance: {
        kind: "iac",
        format: "dockerfile",
        file: display,
        range: { startLine: 1, endLine: lineCount },
        properties: parsed.positions,
      },
    });
  }
  return result;
}
