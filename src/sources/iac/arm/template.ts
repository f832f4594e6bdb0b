import { isUnknown, type Unknown, unknown } from "../../../model/index.js";
import type { LocatedDocument, Segment } from "../cloudformation/located.js";
import { ExpressionError, type ExpressionScope, evaluateString, isExpression } from "./expressions.js";

/** One resource of an ARM template after evaluation, nested children flattened. */
export interface ArmResource {
  /** Full type, e.g. `Microsoft.Sql/servers/firewallRules`. */
  type: string;
  /** Full name (`server/rule` for children), or unknown when it depends on the deployment. */
  name: string | Unknown;
  /** A stable label for ids: the evaluated name, else the name as written (plus the copy index). */
  label: string;
  apiVersion: string;
  /** The evaluated resource object (`properties`, `sku`, `kind`, `identity`, `tags`, …) without child resources. */
  body: Record<string, unknown>;
  /** Path of the resource object in the document, for positions. */
  path: Segment[];
  /** Index (or symbolic name) of the top-level resource it comes from, for suppressions. */
  topKey: string;
}

export interface ArmProblem {
  message: string;
  line?: number;
}

const MAX_COPIES = 800; // ARM's own limit for copy loops
const MAX_VALUE_DEPTH = 64;

interface RawTemplate {
  parameters?: Record<string, { type?: string; defaultValue?: unknown }>;
  variables?: Record<string, unknown>;
  resources?: unknown;
}

const MAX_NESTED_DEPLOYMENTS = 10;

/**
 * Evaluates the template at `basePath` of the document (the root, or the
 * inline `properties.template` of a nested deployment with inner scope).
 */
export function evaluateArmTemplate(
  doc: LocatedDocument,
  parameterValues: Record<string, unknown> = {},
  basePath: Segment[] = [],
  nesting = 0,
): { resources: ArmResource[]; errors: ArmProblem[]; notes: ArmProblem[] } {
  let template = doc.value as RawTemplate;
  for (const segment of basePath)
    template = (template as Record<string | number, unknown>)[segment] as RawTemplate;
  const errors: ArmProblem[] = [];
  const notes: ArmProblem[] = [];
  const lineOf = (path: Segment[]) => {
    for (let n = path.length; n >= 0; n--) {
      const range = doc.ranges.get(path.slice(0, n).join("\u001f"));
      if (range) return range.startLine;
    }
    return undefined;
  };

  const parameterCache = new Map<string, unknown>();
  const variableCache = new Map<string, unknown>();
  const evaluating = new Set<string>();
  const copyStack: { name?: string; index: number }[] = [];

  const scope: ExpressionScope = {
    parameter(name) {
      const key = findKey(template.parameters, name);
      if (key === undefined) throw new ExpressionError(`parameters('${name}') is not declared`);
      if (!parameterCache.has(key)) {
        const spec = template.parameters?.[key];
        const given = parameterValues[key];
        parameterCache.set(
          key,
          given !== undefined
            ? given
            : spec?.defaultValue !== undefined
              ? evaluateValue(spec.defaultValue, 0)
              : unknown(`parameter ${key} has no default value`),
        );
      }
      return parameterCache.get(key);
    },
    variable(name) {
      const key = findKey(template.variables, name);
      if (key === undefined) throw new ExpressionError(`variables('${name}') is not declared`);
      if (!variableCache.has(key)) {
        if (evaluating.has(key)) throw new ExpressionError(`variable ${key} refers to itself`);
        evaluating.add(key);
        try {
          variableCache.set(key, evaluateValue(template.variables?.[key], 0));
        } finally {
          evaluating.delete(key);
        }
      }
      return variableCache.get(key);
    },
    copyIndex(loop) {
      const frame = loop
        ? [...copyStack].reverse().find((f) => f.name?.toLowerCase() === loop.toLowerCase())
        : copyStack[copyStack.length - 1];
      if (!frame) throw new ExpressionError(`copyIndex(${loop ? `'${loop}'` : ""}) outside a copy loop`);
      return frame.index;
    },
  };

  /** Evaluates every string in a value; expands property `copy` arrays. */
  function evaluateValue(value: unknown, depth: number): unknown {
    if (depth > MAX_VALUE_DEPTH) throw new ExpressionError("values nested too deep");
    if (typeof value === "string") return evaluateString(value, scope);
    if (Array.isArray(value)) return value.map((v) => evaluateValue(v, depth + 1));
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === "copy" && Array.isArray(v) && v.every(isPropertyCopy)) {
        for (const loop of v as PropertyCopy[]) out[loop.name] = expandPropertyCopy(loop, depth);
        continue;
      }
      out[key] = evaluateValue(v, depth + 1);
    }
    return out;
  }

  function expandPropertyCopy(loop: PropertyCopy, depth: number): unknown {
    const count = evaluateValue(loop.count, depth + 1);
    if (isUnknown(count)) return count;
    const n = Number(count);
    if (!Number.isInteger(n) || n < 0 || n > MAX_COPIES)
      throw new ExpressionError(`copy ${loop.name}: count ${String(count)} is not 0…${MAX_COPIES}`);
    const items: unknown[] = [];
    for (let i = 0; i < n; i++) {
      copyStack.push({ name: loop.name, index: i });
      try {
        items.push(evaluateValue(loop.input, depth + 1));
      } finally {
        copyStack.pop();
      }
    }
    return items;
  }

  const resources: ArmResource[] = [];
  const visit = (
    raw: unknown,
    path: Segment[],
    topKey: string,
    parent?: { type: string; name: string | Unknown; label: string },
  ) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      errors.push({ message: "a resource must be an object", line: lineOf(path) });
      return;
    }
    const record = raw as Record<string, unknown>;
    const copy = record.copy as { name?: string; count?: unknown } | undefined;
    const instances = (): number[] => {
      if (!copy) return [-1];
      const count = evaluateValue(copy.count, 0);
      if (isUnknown(count)) {
        notes.push({
          message: `copy loop ${copy.name ?? ""}: the count is not known; one instance is scanned`,
          line: lineOf(path),
        });
        return [0];
      }
      const n = Number(count);
      if (!Number.isInteger(n) || n < 0 || n > MAX_COPIES)
        throw new ExpressionError(`copy ${copy.name ?? ""}: count ${String(count)} is not 0…${MAX_COPIES}`);
      return Array.from({ length: n }, (_, i) => i);
    };
    try {
      for (const index of instances()) {
        if (index >= 0) copyStack.push({ name: copy?.name, index });
        try {
          if (record.condition !== undefined) {
            const holds = evaluateValue(record.condition, 0);
            if (holds === false || holds === "false") continue;
          }
          const typeRaw = String(record.type ?? "");
          if (typeRaw === "") throw new ExpressionError("resource has no type");
          // A nested child's type is relative unless it starts with a namespace (`blobServices`,
          // `providers/locks`); a relative name has as many segments as its relative type.
          const relativeType = parent !== undefined && !(typeRaw.split("/")[0] ?? "").includes(".");
          const type = parent && relativeType ? `${parent.type}/${typeRaw}` : typeRaw;
          const relativeName = (n: string) =>
            !n.includes("/") || (relativeType && n.split("/").length === typeRaw.split("/").length);
          const ownName = evaluateValue(record.name, 0);
          let name: string | Unknown;
          if (isUnknown(ownName)) name = ownName;
          else if (parent && relativeName(String(ownName)))
            name = isUnknown(parent.name) ? parent.name : `${parent.name}/${String(ownName)}`;
          else name = String(ownName);
          const writtenName =
            typeof record.name === "string" && isExpression(record.name) ? record.name : String(record.name);
          const ownLabel = isUnknown(ownName) ? writtenName : String(ownName);
          let label = parent && relativeName(ownLabel) ? `${parent.label}/${ownLabel}` : ownLabel;
          if (isUnknown(ownName) && index >= 0) label += `[${index}]`;
          const nested = nestedTemplate(type, record);
          const body: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(record)) {
            if (
              key === "resources" ||
              key === "copy" ||
              key === "name" ||
              key === "type" ||
              key === "condition"
            )
              continue;
            // A nested deployment's own template is evaluated as a template, below.
            body[key] =
              nested && key === "properties"
                ? evaluateValue(withoutTemplate(value as Record<string, unknown>), 0)
                : evaluateValue(value, 0);
          }
          if (nested) expandNested(nested, body, [...path, "properties", "template"], topKey);
          resources.push({
            type,
            name,
            label,
            apiVersion: String(body.apiVersion ?? ""),
            body,
            path,
            topKey,
          });
          const children = record.resources;
          if (Array.isArray(children))
            children.forEach((child, i) => {
              visit(child, [...path, "resources", i], topKey, { type, name, label });
            });
        } finally {
          if (index >= 0) copyStack.pop();
        }
      }
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      errors.push({ message: `${String(record.type ?? "resource")}: ${error.message}`, line: lineOf(path) });
    }
  };

  /**
   * Inline nested deployments: with `expressionEvaluationOptions.scope`
   * `inner` the template has its own parameters (given by the deployment's
   * `parameters`); otherwise (`outer`, the default) its expressions see this
   * template's parameters and variables.
   */
  function expandNested(
    nested: NestedTemplate,
    body: Record<string, unknown>,
    templatePath: Segment[],
    topKey: string,
  ) {
    if (nesting >= MAX_NESTED_DEPLOYMENTS) {
      errors.push({
        message: `nested deployments deeper than ${MAX_NESTED_DEPLOYMENTS}`,
        line: lineOf(templatePath),
      });
      return;
    }
    if (nested.innerScope) {
      const given = ((body.properties as Record<string, unknown> | undefined)?.parameters ?? {}) as Record<
        string,
        { value?: unknown } | undefined
      >;
      const values: Record<string, unknown> = {};
      for (const [name, entry] of Object.entries(given))
        if (entry && typeof entry === "object" && "value" in entry) values[name] = entry.value;
      const inner = evaluateArmTemplate(doc, values, templatePath, nesting + 1);
      for (const r of inner.resources) resources.push({ ...r, topKey });
      errors.push(...inner.errors);
      notes.push(...inner.notes);
      return;
    }
    walkResources(nested.template.resources, templatePath, () => topKey);
  }

  function walkResources(list: unknown, at: Segment[], topKeyOf: (key: string) => string) {
    if (Array.isArray(list))
      list.forEach((r, i) => {
        visit(r, [...at, "resources", i], topKeyOf(String(i)));
      });
    else if (list && typeof list === "object")
      // languageVersion 2.0 templates key resources by symbolic name.
      for (const [key, r] of Object.entries(list)) visit(r, [...at, "resources", key], topKeyOf(key));
    else if (list !== undefined)
      errors.push({ message: "resources must be a list", line: lineOf([...at, "resources"]) });
  }

  walkResources(template?.resources, basePath, (key) => key);
  return { resources, errors, notes };
}

interface NestedTemplate {
  template: RawTemplate;
  innerScope: boolean;
}

function nestedTemplate(type: string, record: Record<string, unknown>): NestedTemplate | undefined {
  if (type.toLowerCase() !== "microsoft.resources/deployments") return undefined;
  const properties = record.properties as Record<string, unknown> | undefined;
  const template = properties?.template;
  if (!template || typeof template !== "object" || Array.isArray(template)) return undefined;
  const options = properties.expressionEvaluationOptions as { scope?: unknown } | undefined;
  return {
    template: template as RawTemplate,
    innerScope: typeof options?.scope === "string" && options.scope.toLowerCase() === "inner",
  };
}

function withoutTemplate(properties: Record<string, unknown>): Record<string, unknown> {
  const { template: _template, ...rest } = properties;
  return rest;
}

interface PropertyCopy {
  name: string;
  count: unknown;
  input: unknown;
}

function isPropertyCopy(value: unknown): value is PropertyCopy {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as PropertyCopy).name === "string" &&
    "count" in value &&
    "input" in value
  );
}

/** ARM names are case-insensitive. */
function findKey(record: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!record) return undefined;
  if (name in record) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((k) => k.toLowerCase() === lower);
}
