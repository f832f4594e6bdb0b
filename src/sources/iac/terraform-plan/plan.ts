/**
 * Terraform plan JSON (`terraform show -json PLAN`): the planned values of
 * every managed resource, with the attributes the plan marks in
 * `after_unknown` turned into unknown markers, and references between
 * resources taken from the configuration section so companions join their
 * parent. Mapped through the same mappers as HCL.
 */
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { isUnknown, type ScanError, unknown } from "../../../model/index.js";
import {
  DEFAULT_MAX_FILE_BYTES,
  emptyLoadResult,
  type IacLoadOptions,
  type IacLoadResult,
} from "../format.js";
import { mapResources, type TfResourceInput } from "../terraform/mappers/index.js";

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export class PlanError extends Error {}

/** Line and column of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  return { line, column: offset - last };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const err: ScanError = {
      source,
      message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`,
    };
    if (at) Object.assign(err, position(text, Number(at[1])));
    throw err;
  }
}

/** Marks as unknown every attribute the plan says is known only after apply. */
export function applyAfterUnknown(value: unknown, mask: unknown, path: string, depth = 0): unknown {
  if (mask === true) return unknown(`${path} is known only after apply`);
  if (depth > 64) return value;
  if (Array.isArray(mask)) {
    const list = Array.isArray(value) ? [...value] : [];
    mask.forEach((m, i) => {
      if (m !== false) list[i] = applyAfterUnknown(list[i], m, `${path}[${i}]`, depth + 1);
    });
    return list;
  }
  const m = obj(mask);
  if (m) {
    const out: Json = { ...(obj(value) ?? {}) };
    for (const [k, v] of Object.entries(m))
      if (v !== false) out[k] = applyAfterUnknown(out[k], v, `${path}.${k}`, depth + 1);
    return out;
  }
  return value;
}

/** `aws_s3_bucket.b.id` / `aws_s3_bucket.b[0]` → the resource part of a configuration reference. */
function resourceReference(ref: string): string | undefined {
  if (/^(var|local|module|data|each|count|path|terraform|self)\./.test(ref)) return undefined;
  const m = /^([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)(\[[^\]]+\])?/.exec(ref);
  return m ? `${m[1]}${m[2] ?? ""}` : undefined;
}

/** Configuration references by module path (call names, no keys) and resource `type.name`. */
function configReferences(config: unknown): Map<string, Record<string, string[]>> {
  const out = new Map<string, Record<string, string[]>>();
  const walk = (module: Json | undefined, path: string, depth: number) => {
    if (!module || depth > 32) return;
    for (const r of arr(module.resources)) {
      const resource = obj(r);
      const address = typeof resource?.address === "string" ? resource.address : undefined;
      if (!resource || !address || resource.mode !== "managed") continue;
      const refs: Record<string, string[]> = {};
      for (const [attr, expr] of Object.entries(obj(resource.expressions) ?? {})) {
        const list = arr(obj(expr)?.references)
          .filter((x): x is string => typeof x === "string")
          .map(resourceReference)
          .filter((x): x is string => x !== undefined);
        if (list.length > 0) refs[attr] = [...new Set(list)];
      }
      out.set(`${path}${address}`, refs);
    }
    for (const [name, call] of Object.entries(obj(module.module_calls) ?? {}))
      walk(obj(obj(call)?.module), `${path}module.${name}.`, depth + 1);
  };
  walk(obj(obj(config)?.root_module), "", 0);
  return out;
}

/** `module.a["x"].module.b[0]` → `module.a.module.b.` (the configuration path). */
function configPath(moduleAddress: string): string {
  return moduleAddress === "" ? "" : `${moduleAddress.replace(/\[[^\]]*\]/g, "")}.`;
}

export function loadPlanFile(file: string, options: IacLoadOptions, display: string): TfResourceInput[] {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const size = statSync(file).size;
  if (size > max)
    throw {
      source: display,
      message: `file is ${size} bytes, larger than the ${max}-byte limit; not scanned`,
    };
  const text = readFileSync(file, "utf8");
  const plan = obj(parseJson(text, display));
  if (!plan || typeof plan.format_version !== "string")
    throw { source: display, message: "not a Terraform plan: format_version is missing" };
  // A plan has planned_values; `terraform show -json` of a state has values.
  const planned = obj(obj(plan.planned_values)?.root_module) ?? obj(obj(plan.values)?.root_module);
  if (!planned && !Array.isArray(plan.resource_changes))
    throw { source: display, message: "not a Terraform plan: no planned_values, values or resource_changes" };
  const afterUnknown = new Map<string, unknown>();
  const changeAfter = new Map<
    string,
    { type: string; values: unknown; moduleAddress: string; index?: unknown }
  >();
  for (const c of arr(plan.resource_changes)) {
    const change = obj(c);
    const address = change?.address;
    if (!change || typeof address !== "string" || change.mode !== "managed") continue;
    const actions = arr(obj(change.change)?.actions);
    if (actions.length === 1 && actions[0] === "delete") continue;
    afterUnknown.set(address, obj(change.change)?.after_unknown);
    changeAfter.set(address, {
      type: String(change.type),
      values: obj(change.change)?.after ?? {},
      moduleAddress: typeof change.module_address === "string" ? change.module_address : "",
      index: change.index,
    });
  }
  const refs = configReferences(plan.configuration);
  const inputs: TfResourceInput[] = [];
  const seen = new Set<string>();
  const lineOf = (address: string): number => {
    const quoted = JSON.stringify(address);
    for (const pattern of [`"address": ${quoted}`, `"address":${quoted}`]) {
      const at = text.indexOf(pattern);
      if (at >= 0) return position(text, at).line;
    }
    return 1;
  };
  const add = (address: string, type: string, values: unknown, moduleAddress: string, index: unknown) => {
    if (seen.has(address)) return;
    seen.add(address);
    const after = applyAfterUnknown(values ?? {}, afterUnknown.get(address), address);
    const local = address
      .slice(moduleAddress === "" ? 0 : moduleAddress.length + 1)
      .replace(/\[[^\]]*\]$/, "");
    const line = lineOf(address);
    const input: TfResourceInput = {
      type,
      address,
      moduleAddress,
      file: display,
      range: { startLine: line, endLine: line },
      values: isUnknown(after) ? {} : ((obj(after) ?? {}) as Json),
      lines: {},
      refs: Object.fromEntries(
        Object.entries(refs.get(`${configPath(moduleAddress)}${local}`) ?? {}).map(([attr, list]) => [
          attr,
          list.map((r) => (moduleAddress === "" ? r : `${moduleAddress}.${r}`)),
        ]),
      ),
    };
    if (typeof index === "string" || typeof index === "number") input.indexKey = index;
    inputs.push(input);
  };
  const walk = (module: Json | undefined, depth: number) => {
    if (module === undefined || depth > 32) return;
    const moduleAddress = typeof module.address === "string" ? module.address : "";
    for (const r of arr(module.resources)) {
      const resource = obj(r);
      if (resource?.mode !== "managed" || typeof resource.address !== "string") continue;
      add(resource.address, String(resource.type), resource.values, moduleAddress, resource.index);
    }
    for (const child of arr(module.child_modules)) walk(obj(child), depth + 1);
  };
  walk(planned, 0);
  for (const [address, change] of changeAfter)
    add(address, change.type, change.values, change.moduleAddress, change.index);
  return inputs;
}

function displayPath(file: string, roots: string[]): string {
  const abs = resolve(file);
  for (const root of roots.map((r) => resolve(r))) {
    const rel = relative(root, abs);
    if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  }
  const rel = relative(process.cwd(), abs);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : abs;
}

export function loadPlans(files: string[], options: IacLoadOptions): IacLoadResult {
  const result = emptyLoadResult();
  for (const file of files) {
    const display = displayPath(file, options.roots ?? []);
    try {
      const inputs = loadPlanFile(file, options, display);
      result.resources.push(...mapResources(inputs, "terraform-plan").resources);
    } catch (error) {
      if (error instanceof Error)
        result.errors.push({ source: display, message: `cannot read: ${error.message}` });
      else result.errors.push(error as ScanError);
    }
  }
  return result;
}
