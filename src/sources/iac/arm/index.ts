import type { LineRange, Resource, ScanError } from "../../../model/index.js";
import { readCapped } from "../cloudformation/index.js";
import {
  DocumentSyntaxError,
  type LocatedDocument,
  parseJsonLocated,
  rangeOf,
} from "../cloudformation/located.js";
import { findSuppressions } from "../cloudformation/suppressions.js";
import { DEFAULT_MAX_FILE_BYTES, emptyLoadResult, type IacFormat, type IacLoadResult } from "../format.js";
import { ParameterFileError, parametersFileBeside, readParameterFile } from "../parameters.js";
import { ExpressionError } from "./expressions.js";
import type { ArmMapContext, ArmMapper } from "./mappers/context.js";
import { ARM_MAPPERS } from "./mappers/index.js";
import { armSubscription } from "./subscription.js";
import { type ArmResource, evaluateArmTemplate } from "./template.js";

/** Detection by content: ARM templates name their schema, `…/deploymentTemplate.json#`. */
export function looksLikeArm(head: string): boolean {
  return /"\$schema"\s*:\s*"[^"]*deploymentTemplate/i.test(head);
}

export const format: IacFormat = {
  name: "arm",
  fixtureSuffixes: [".arm.json"],
  claims(file, head) {
    return /\.(json|jsonc)$/i.test(file) && looksLikeArm(head);
  },
  async load(files, options) {
    const result = emptyLoadResult();
    for (const file of files)
      loadFile(file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, result, options.parameters ?? {});
    return result;
  },
};

const BY_TYPE = new Map<string, ArmMapper>(ARM_MAPPERS.map((m) => [m.armType.toLowerCase(), m]));
const CHILD_OWNER = new Map<string, ArmMapper>(
  ARM_MAPPERS.flatMap((m) => (m.childTypes ?? []).map((t) => [t.toLowerCase(), m] as const)),
);

function loadFile(
  file: string,
  maxBytes: number,
  result: IacLoadResult,
  given: Record<string, unknown>,
): void {
  const text = readCapped(file, maxBytes, result.errors);
  if (text === undefined) return;
  let doc: LocatedDocument;
  try {
    doc = parseJsonLocated(text);
  } catch (error) {
    if (!(error instanceof DocumentSyntaxError)) throw error;
    const out: ScanError = { source: file, message: error.message };
    if (error.line !== undefined) out.line = error.line;
    if (error.column !== undefined) out.column = error.column;
    result.errors.push(out);
    return;
  }
  let evaluated: ReturnType<typeof evaluateArmTemplate>;
  try {
    const values = templateParameters(file, doc, given, result, maxBytes);
    if (values === undefined) return;
    evaluated = evaluateArmTemplate(doc, values);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    result.errors.push({ source: file, message: error.message });
    return;
  }
  for (const e of evaluated.errors) result.errors.push(problem(file, e.message, e.line));
  for (const n of evaluated.notes) result.notes.push(problem(file, n.message, n.line));
  for (const resource of evaluated.resources)
    if (resource.type.toLowerCase() === "microsoft.resources/deployments" && linksTemplate(resource))
      result.notes.push(
        problem(
          file,
          `deployment ${resource.label} links a template by URI; it is not followed`,
          rangeOf(doc, resource.path)?.startLine,
        ),
      );

  const owners = new Map<string, string[]>();
  const own = (key: string, id: string) => owners.set(key, [...(owners.get(key) ?? []), id]);
  const resources = mapResources(evaluated.resources, doc, file, own);
  result.resources.push(...resources);
  const subscription = armSubscription(evaluated.resources, doc, file);
  if (subscription) result.resources.push(subscription);

  const { suppressions, problems } = findSuppressions(
    doc,
    file,
    ["resources"],
    "metadata",
    (key) => owners.get(key) ?? [`${file}#${key}`],
  );
  result.suppressions.push(...suppressions);
  for (const p of problems) result.errors.push(problem(file, p.message, p.line));
}

function mapResources(
  all: ArmResource[],
  doc: LocatedDocument,
  file: string,
  own: (key: string, id: string) => void,
): Resource[] {
  const schema = String((doc.value as { $schema?: unknown })?.$schema ?? "");
  const subscriptionTemplate = /subscriptionDeploymentTemplate/i.test(schema);
  const childrenOf = new Map<ArmResource, ArmResource[]>();
  for (const child of all) {
    const mapper = CHILD_OWNER.get(child.type.toLowerCase());
    if (!mapper) continue;
    const parentLabel = child.label.slice(0, child.label.lastIndexOf("/"));
    const parent = all.find(
      (r) => r.type.toLowerCase() === mapper.armType.toLowerCase() && r.label === parentLabel,
    );
    if (parent) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
  }
  for (const endpoint of all.filter((r) => r.type.toLowerCase() === "microsoft.network/privateendpoints"))
    for (const target of endpointTargets(endpoint)) {
      const parent = all.find(
        (r) => r.type.toLowerCase() === target.type.toLowerCase() && r.label === target.name,
      );
      if (parent && !(childrenOf.get(parent) ?? []).includes(endpoint))
        childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), endpoint]);
    }
  for (const extension of all) {
    const target = diagnosticTarget(extension) ?? lockTarget(extension);
    const parent =
      target &&
      all.find((r) => r.type.toLowerCase() === target.type.toLowerCase() && r.label === target.name);
    if (parent) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), extension]);
  }
  // A lock without scope in a resource-group template locks the group, and so every account in it.
  if (!subscriptionTemplate)
    for (const lock of all.filter(
      (r) => r.type.toLowerCase() === "microsoft.authorization/locks" && !r.body.scope,
    ))
      for (const account of all.filter((r) => r.type.toLowerCase() === "microsoft.storage/storageaccounts"))
        childrenOf.set(account, [...(childrenOf.get(account) ?? []), lock]);
  const out: Resource[] = [];
  for (const resource of all) {
    const mapper = BY_TYPE.get(resource.type.toLowerCase());
    if (!mapper) continue;
    const id = `${file}#${mapper.armType}/${resource.label}`;
    const lines: Record<string, LineRange> = {};
    const ctx: ArmMapContext = {
      at(canonicalPath, from, ...path) {
        const exact = doc.ranges.get([...from.path, ...path].join("\u001f"));
        if (exact) lines[canonicalPath] = exact;
      },
    };
    const children = childrenOf.get(resource) ?? [];
    try {
      const properties = mapper.map(resource, children, ctx);
      const tags: Record<string, string> = {};
      const rawTags = resource.body.tags;
      if (rawTags && typeof rawTags === "object" && !Array.isArray(rawTags))
        for (const [k, v] of Object.entries(rawTags)) if (typeof v === "string") tags[k] = v;
      const canonical: Resource = {
        type: mapper.canonicalType,
        id,
        provider: "azure",
        name: typeof resource.name === "string" ? resource.name : resource.label,
        tags,
        properties,
        provenance: {
          kind: "iac",
          format: "arm",
          file,
          range: rangeOf(doc, resource.path) ?? { startLine: 1, endLine: 1 },
          properties: lines,
        },
      };
      if (typeof resource.body.location === "string") canonical.region = resource.body.location;
      out.push(canonical);
      own(resource.topKey, id);
      for (const child of children) if (child.topKey !== resource.topKey) own(child.topKey, id);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
    }
  }
  return out;
}

/**
 * The values of the template's declared parameters: those of a
 * `<template>.parameters.json` beside it, overridden by the command line's.
 * Matching is case-insensitive, as in ARM; command-line strings are converted
 * to the declared type.
 */
function templateParameters(
  file: string,
  doc: LocatedDocument,
  given: Record<string, unknown>,
  result: IacLoadResult,
  maxBytes: number,
): Record<string, unknown> | undefined {
  let beside: Record<string, unknown> = {};
  const besideFile = parametersFileBeside(file);
  if (besideFile) {
    try {
      beside = readParameterFile(besideFile, maxBytes);
    } catch (error) {
      if (!(error instanceof ParameterFileError)) throw error;
      result.errors.push({ source: besideFile, message: error.message.replace(`${besideFile}: `, "") });
      return undefined;
    }
  }
  const declared = (doc.value as { parameters?: unknown })?.parameters;
  if (!declared || typeof declared !== "object") return {};
  const lookup = (values: Record<string, unknown>, name: string) =>
    Object.entries(values).find(([k]) => k.toLowerCase() === name.toLowerCase());
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared as Record<string, { type?: unknown }>)) {
    const fromCli = lookup(given, name);
    const fromFile = lookup(beside, name);
    if (fromCli) out[name] = typed(spec?.type, fromCli[1]);
    else if (fromFile) out[name] = fromFile[1];
  }
  return out;
}

/** A command-line string as the ARM parameter type it is declared with. */
function typed(type: unknown, value: unknown): unknown {
  if (typeof value !== "string") return value;
  switch (String(type).toLowerCase()) {
    case "int":
      return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    case "bool":
      return value.toLowerCase() === "true" ? true : value.toLowerCase() === "false" ? false : value;
    case "array":
    case "object":
    case "secureobject":
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    default:
      return value;
  }
}

/**
 * The resource a diagnostic setting is attached to: the older
 * `<type>/providers/diagnosticSettings` form named `<name>/Microsoft.Insights/<setting>`,
 * or `Microsoft.Insights/diagnosticSettings` with a `scope` (`<type>/<name>` or a resource id).
 */
function diagnosticTarget(setting: ArmResource): { type: string; name: string } | undefined {
  const type = setting.type.toLowerCase();
  if (type.endsWith("/providers/diagnosticsettings")) {
    const marker = setting.label.toLowerCase().indexOf("/microsoft.insights/");
    if (marker < 0) return undefined;
    return {
      type: setting.type.slice(0, -"/providers/diagnosticSettings".length),
      name: setting.label.slice(0, marker),
    };
  }
  if (type !== "microsoft.insights/diagnosticsettings" || typeof setting.body.scope !== "string")
    return undefined;
  const scope = setting.body.scope.replace(/^.*\/providers\//i, "");
  const parts = scope.split("/");
  if (parts.length < 3 || parts.length % 2 === 0) return undefined;
  return { type: parts.slice(0, 2).join("/"), name: parts[2] as string };
}

/**
 * The resource a management lock is attached to: the older
 * `<type>/providers/locks` form named `<name>/Microsoft.Authorization/<lock>`,
 * or `Microsoft.Authorization/locks` with a `scope` (`<type>/<name>` or a resource id).
 */
function lockTarget(lock: ArmResource): { type: string; name: string } | undefined {
  const type = lock.type.toLowerCase();
  if (type.endsWith("/providers/locks")) {
    const marker = lock.label.toLowerCase().indexOf("/microsoft.authorization/");
    if (marker < 0) return undefined;
    return { type: lock.type.slice(0, -"/providers/locks".length), name: lock.label.slice(0, marker) };
  }
  if (type !== "microsoft.authorization/locks" || typeof lock.body.scope !== "string") return undefined;
  const parts = lock.body.scope.replace(/^.*\/providers\//i, "").split("/");
  if (parts.length < 3 || parts.length % 2 === 0) return undefined;
  return { type: parts.slice(0, 2).join("/"), name: parts[2] as string };
}

/** The `<type>/<name>` a resource id (or `<type>/<name>` path) names, from its last `/providers/`. */
function idTarget(id: unknown): { type: string; name: string } | undefined {
  if (typeof id !== "string") return undefined;
  const parts = id.replace(/^.*\/providers\//i, "").split("/");
  if (parts.length < 3 || parts.length % 2 === 0) return undefined;
  return { type: parts.slice(0, 2).join("/"), name: parts[2] as string };
}

/** The resources a private endpoint connects to (automatic and manual connections). */
function endpointTargets(endpoint: ArmResource): { type: string; name: string }[] {
  const properties = endpoint.body.properties as Record<string, unknown> | undefined;
  const out: { type: string; name: string }[] = [];
  for (const key of ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"]) {
    const list = properties?.[key];
    for (const c of Array.isArray(list) ? list : []) {
      const target = idTarget(
        (c as { properties?: { privateLinkServiceId?: unknown } })?.properties?.privateLinkServiceId,
      );
      if (target) out.push(target);
    }
  }
  return out;
}

function linksTemplate(resource: ArmResource): boolean {
  const properties = resource.body.properties;
  return typeof properties === "object" && properties !== null && "templateLink" in properties;
}

function problem(file: string, message: string, line?: number): ScanError {
  return line === undefined ? { source: file, message } : { source: file, message, line };
}
