/**
 * Deployment parameter values for CloudFormation and ARM templates, from the
 * command line (`--parameter KEY=VALUE`) and from the parameter files each
 * ecosystem already uses:
 *
 * - CloudFormation: the list `aws cloudformation create-stack --parameters
 *   file://…` reads (`[{"ParameterKey", "ParameterValue"}]`), and the
 *   `{"Parameters": {"Key": "Value"}}` template configuration file of
 *   CodePipeline and `aws cloudformation deploy --parameter-overrides`.
 * - ARM: a deploymentParameters file (`{"parameters": {"x": {"value": …}}}`).
 *
 * A value only the deployment knows (`UsePreviousValue`, a Key Vault
 * `reference`) is the unknown marker.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { unknown } from "../../model/index.js";
import { DEFAULT_MAX_FILE_BYTES } from "./format.js";

export class ParameterFileError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** `KEY=VALUE` assignments; the value may hold `=`. */
export function parseParameterAssignments(
  values: readonly string[],
  option = "--parameter",
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    if (eq <= 0) throw new ParameterFileError(`${option} ${value}: expected KEY=VALUE`);
    out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

/** The parameter values of one file, in either ecosystem's format. */
export function readParameterFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Record<string, unknown> {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > maxBytes)
      throw new ParameterFileError(`${file}: ${size} bytes, over the ${maxBytes}-byte limit`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ParameterFileError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ParameterFileError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parameterValues(doc, file);
}

export function parameterValues(doc: unknown, file: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(doc)) {
    doc.forEach((entry, i) => {
      if (!isRecord(entry) || typeof entry.ParameterKey !== "string")
        throw new ParameterFileError(`${file}: entry ${i} has no ParameterKey`);
      if (entry.UsePreviousValue === true)
        out[entry.ParameterKey] = unknown(`parameter ${entry.ParameterKey} keeps the stack's previous value`);
      else if (entry.ParameterValue === undefined)
        throw new ParameterFileError(`${file}: entry ${i} (${entry.ParameterKey}) has no ParameterValue`);
      else out[entry.ParameterKey] = entry.ParameterValue;
    });
    return out;
  }
  if (isRecord(doc) && isRecord(doc.parameters)) {
    for (const [name, spec] of Object.entries(doc.parameters)) {
      if (!isRecord(spec)) throw new ParameterFileError(`${file}: parameters.${name} must be an object`);
      if ("value" in spec) out[name] = spec.value;
      else if ("reference" in spec)
        out[name] = unknown(`parameter ${name} is read from Key Vault at deployment`);
      else throw new ParameterFileError(`${file}: parameters.${name} has neither value nor reference`);
    }
    return out;
  }
  if (isRecord(doc) && isRecord(doc.Parameters)) {
    for (const [name, value] of Object.entries(doc.Parameters)) out[name] = value;
    return out;
  }
  throw new ParameterFileError(
    `${file}: expected a CloudFormation parameter list ([{"ParameterKey", "ParameterValue"}]), {"Parameters": {…}} or an ARM parameters file ({"parameters": {…}})`,
  );
}

/** `azuredeploy.json` → `azuredeploy.parameters.json` when it exists (the Azure quickstart convention). */
export function parametersFileBeside(template: string): string | undefined {
  const match = /^(.*)\.(json|jsonc)$/i.exec(template);
  if (!match || /\.parameters$/i.test(match[1] as string)) return undefined;
  const candidate = `${match[1]}.parameters.json`;
  return existsSync(candidate) ? candidate : undefined;
}
