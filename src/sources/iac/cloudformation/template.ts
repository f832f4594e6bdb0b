import { isUnknown, type LineRange, type Resource, type Unknown, unknown } from "../../../model/index.js";
import type { InlineSuppression } from "../format.js";
import { type EvalContext, evaluate, evaluateCondition, NO_VALUE, TemplateError } from "./intrinsics.js";
import { type LocatedDocument, rangeOf, type Segment } from "./located.js";
import type { CfnMapper, MapContext, SourceResource } from "./mappers/context.js";
import { MAPPERS } from "./mappers/index.js";
import { isSamTemplate, normalizeSam } from "./sam.js";

export interface TemplateProblem {
  message: string;
  line?: number;
}

export interface TemplateResult {
  resources: Resource[];
  errors: TemplateProblem[];
  notes: TemplateProblem[];
  suppressions: InlineSuppression[];
  /** Every template resource, with the canonical id it ended up in (for suppressions). */
  owners: Map<string, string>;
}

/** What a parsed template looks like before evaluation. */
interface RawTemplate {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Mappings?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<
    string,
    { Type?: unknown; Properties?: unknown; Condition?: unknown; Metadata?: unknown }
  >;
  Globals?: Record<string, unknown>;
  Transform?: unknown;
}

/**
 * Evaluates a CloudFormation template (parameters, mappings, conditions,
 * intrinsics, SAM) and maps its resources to canonical resources.
 * `parameterValues` (`mamori iac --parameter`, `--parameters-file`) override defaults.
 */
export function loadTemplate(
  doc: LocatedDocument,
  file: string,
  parameterValues: Record<string, unknown> = {},
): TemplateResult {
  const result: TemplateResult = {
    resources: [],
    errors: [],
    notes: [],
    suppressions: [],
    owners: new Map(),
  };
  const template = doc.value as RawTemplate;
  if (!template || typeof template !== "object" || Array.isArray(template))
    throw new TemplateError("a template must be a map");
  const lineOf = (...path: Segment[]) => rangeOf(doc, path)?.startLine;

  const parameters = new Map<string, unknown>();
  for (const [name, spec] of Object.entries(template.Parameters ?? {})) {
    const given = Object.hasOwn(parameterValues, name) ? parameterValues[name] : spec?.Default;
    parameters.set(
      name,
      given === undefined || given === null
        ? unknown(`parameter ${name} has no default value`)
        : isUnknown(given)
          ? given
          : parameterValue(spec?.Type, given),
    );
  }

  const conditionCache = new Map<string, boolean | Unknown>();
  const resourcesRaw = template.Resources ?? {};
  if (typeof resourcesRaw !== "object" || Array.isArray(resourcesRaw))
    throw new TemplateError("Resources must be a map");
  const ctx: EvalContext = {
    parameters,
    mappings: (template.Mappings ?? {}) as Record<string, unknown>,
    condition(name) {
      const cached = conditionCache.get(name);
      if (cached !== undefined) return cached;
      const expr = template.Conditions?.[name];
      if (expr === undefined) throw new TemplateError(`condition ${name} is not defined`);
      conditionCache.set(name, unknown(`condition ${name} refers to itself`));
      const value = evaluateCondition(expr, ctx);
      conditionCache.set(name, value);
      return value;
    },
    refResource(logicalId) {
      const entry = resourcesRaw[logicalId];
      // A bucket's Ref is its name: known when the template sets a literal one.
      const props = entry?.Properties as Record<string, unknown> | undefined;
      if (entry?.Type === "AWS::S3::Bucket" && typeof props?.BucketName === "string") return props.BucketName;
      return unknown(`Ref ${logicalId} is known after deployment`);
    },
    resourceExists: (logicalId) => logicalId in resourcesRaw,
  };

  const sources: SourceResource[] = [];
  const samTemplate = isSamTemplate(template.Transform);
  for (const [logicalId, entry] of Object.entries(resourcesRaw)) {
    const line = lineOf("Resources", logicalId);
    try {
      if (!entry || typeof entry !== "object" || typeof entry.Type !== "string")
        throw new TemplateError(`resource ${logicalId} has no Type`);
      // A resource whose condition is unknown may exist: it is evaluated as if it does.
      if (entry.Condition !== undefined && ctx.condition(String(entry.Condition)) === false) continue;
      const evaluated = evaluate(entry.Properties ?? {}, ctx);
      const properties =
        evaluated === NO_VALUE
          ? {}
          : isUnknown(evaluated)
            ? evaluated
            : (evaluated as Record<string, unknown>);
      sources.push({
        logicalId,
        type: entry.Type,
        properties: properties as Record<string, unknown> | Unknown,
        raw: (entry.Properties ?? {}) as Record<string, unknown>,
      });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      result.errors.push({ message: `${logicalId}: ${error.message}`, line });
    }
  }
  if (samTemplate) {
    const globals = evaluateGlobals(template.Globals, ctx, result, lineOf("Globals"));
    sources.splice(0, sources.length, ...normalizeSam(sources, globals));
  }
  const mapped = mapResources(sources, doc, file, result);
  result.resources.push(...mapped);
  return result;
}

function evaluateGlobals(
  globals: Record<string, unknown> | undefined,
  ctx: EvalContext,
  result: TemplateResult,
  line: number | undefined,
): Record<string, Record<string, unknown>> {
  if (!globals) return {};
  try {
    const value = evaluate(globals, ctx);
    return value && typeof value === "object" ? (value as Record<string, Record<string, unknown>>) : {};
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    result.errors.push({ message: `Globals: ${error.message}`, line });
    return {};
  }
}

/** CloudFormation passes parameters as strings; list types are split on commas. */
function parameterValue(type: string | undefined, value: unknown): unknown {
  // The default of an SSM parameter type is the parameter's name; its value comes from SSM at deployment.
  if (typeof type === "string" && type.startsWith("AWS::SSM::Parameter::Value"))
    return unknown(`the value of SSM parameter ${String(value)} is read at deployment`);
  if (typeof type === "string" && (type === "CommaDelimitedList" || type.startsWith("List<")))
    return Array.isArray(value)
      ? value.map(String)
      : String(value)
          .split(",")
          .map((s) => s.trim());
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

const MAPPERS_BY_TYPE = new Map<string, CfnMapper>(MAPPERS.map((m) => [m.cfnType, m]));

function mapResources(
  sources: SourceResource[],
  doc: LocatedDocument,
  file: string,
  result: TemplateResult,
): Resource[] {
  const byId = new Map(sources.map((s) => [s.logicalId, s]));
  const ctx: Omit<MapContext, "at"> = {
    refTarget(raw) {
      if (raw && typeof raw === "object" && !Array.isArray(raw)) {
        const record = raw as Record<string, unknown>;
        if (typeof record.Ref === "string") return record.Ref;
        const getAtt = record["Fn::GetAtt"];
        if (Array.isArray(getAtt) && typeof getAtt[0] === "string") return getAtt[0];
        if (typeof getAtt === "string") return getAtt.split(".")[0];
        const sub = record["Fn::Sub"];
        const whole = typeof sub === "string" ? /^\$\{([A-Za-z0-9]+)\}$/.exec(sub) : null;
        if (whole) return whole[1];
      }
      return undefined;
    },
    byName(type, nameProperty, name) {
      if (typeof name !== "string") return undefined;
      for (const s of sources) {
        if (s.type !== type || isUnknown(s.properties)) continue;
        if (s.properties[nameProperty] === name) return s.logicalId;
      }
      return undefined;
    },
    resource: (logicalId) => (logicalId === undefined ? undefined : byId.get(logicalId)),
    ofType: (type) => sources.filter((s) => s.type === type),
  };

  // Attach companions to their primaries.
  const companionsOf = new Map<string, SourceResource[]>();
  const companionTypes = new Map<string, CfnMapper[]>();
  for (const mapper of MAPPERS)
    for (const type of Object.keys(mapper.companions ?? {}))
      companionTypes.set(type, [...(companionTypes.get(type) ?? []), mapper]);
  const noopAt = () => {};
  for (const source of sources) {
    const candidates = companionTypes.get(source.type);
    if (!candidates) continue;
    // A companion type may join several primaries (AWS::IAM::Policy: users, groups, roles): the first that matches.
    let primary: SourceResource | undefined;
    for (const mapper of candidates) {
      const parent = mapper.companions?.[source.type]?.(source, { ...ctx, at: noopAt });
      const found = parent === undefined ? undefined : byId.get(parent);
      if (found && found.type === mapper.cfnType) {
        primary = found;
        break;
      }
    }
    if (!primary) {
      result.notes.push({
        message: `${source.logicalId} (${source.type}) refers to a resource outside this template; not joined`,
        line: rangeOf(doc, ["Resources", source.logicalId])?.startLine,
      });
      continue;
    }
    const list = companionsOf.get(primary.logicalId) ?? [];
    list.push(source);
    companionsOf.set(primary.logicalId, list);
    result.owners.set(source.logicalId, `${file}#${primary.logicalId}`);
  }

  const out: Resource[] = [];
  for (const source of sources) {
    const mapper = MAPPERS_BY_TYPE.get(source.type);
    if (!mapper) continue;
    const id = `${file}#${source.logicalId}`;
    const lines: Record<string, LineRange> = {};
    const at: MapContext["at"] = (canonicalPath, from, ...propertyPath) => {
      const top = propertyPath[0];
      const origin = typeof top === "string" ? from.origin?.[top] : undefined;
      const path = origin
        ? [...origin, ...propertyPath.slice(1)]
        : ["Resources", from.logicalId, "Properties", ...propertyPath];
      const exact = doc.ranges.get(path.join("\u001f"));
      // Only exact hits are recorded: a missing property falls back to the resource's range in locate().
      if (exact) lines[canonicalPath] = exact;
      else if (from !== source && propertyPath.length === 0) {
        const range = rangeOf(doc, ["Resources", from.logicalId]);
        if (range) lines[canonicalPath] = range;
      }
    };
    const range = rangeOf(doc, ["Resources", source.logicalId]) ?? { startLine: 1, endLine: 1 };
    try {
      const mapped = mapper.map(source, companionsOf.get(source.logicalId) ?? [], { ...ctx, at });
      result.owners.set(source.logicalId, id);
      out.push({
        type: mapper.canonicalType,
        id,
        provider: "aws",
        name: mapped.name,
        tags: mapped.tags ?? {},
        properties: mapped.properties,
        provenance: { kind: "iac", format: "cloudformation", file, range, properties: lines },
      });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      result.errors.push({ message: `${source.logicalId}: ${error.message}`, line: range.startLine });
    }
  }
  for (const source of sources)
    if (!result.owners.has(source.logicalId))
      result.owners.set(source.logicalId, `${file}#${source.logicalId}`);
  return out;
}
