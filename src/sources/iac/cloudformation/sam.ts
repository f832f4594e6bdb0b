import { isUnknown } from "../../../model/index.js";
import type { Segment } from "./located.js";
import type { SourceResource } from "./mappers/context.js";

const SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

export function isSamTemplate(transform: unknown): boolean {
  return transform === SAM_TRANSFORM || (Array.isArray(transform) && transform.includes(SAM_TRANSFORM));
}

/** SAM resource type → the Globals section that applies to it. */
const GLOBALS_SECTION: Record<string, string> = {
  "AWS::Serverless::Function": "Function",
  "AWS::Serverless::Api": "Api",
  "AWS::Serverless::HttpApi": "HttpApi",
  "AWS::Serverless::SimpleTable": "SimpleTable",
};

/**
 * Does what the SAM transform does for the resources checks read: merges
 * `Globals`, and rewrites `AWS::Serverless::Function`, `Api`, `HttpApi` and
 * `SimpleTable` into the plain CloudFormation resources they expand to
 * (function + URL, REST API + stage, HTTP API + stage, DynamoDB table), under
 * the same logical id so findings point at the SAM resource. Companion
 * resources SAM also generates (roles, permissions, deployments) are not
 * produced: no check reads them yet.
 */
export function normalizeSam(
  sources: SourceResource[],
  globals: Record<string, Record<string, unknown>>,
): SourceResource[] {
  const out: SourceResource[] = [];
  for (const source of sources) {
    const section = GLOBALS_SECTION[source.type];
    if (!section) {
      out.push(source);
      continue;
    }
    const origin: Record<string, Segment[]> = {};
    let properties = source.properties;
    const global = globals[section];
    if (global && !isUnknown(properties)) {
      const merged: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(global)) {
        merged[key] = value;
        origin[key] = ["Globals", section, key];
      }
      for (const [key, value] of Object.entries(properties)) {
        merged[key] = mergeGlobal(merged[key], value);
        delete origin[key];
      }
      properties = merged;
    }
    out.push(...expand({ ...source, properties, origin }));
  }
  return out;
}

/** SAM merges maps key by key, concatenates lists, and lets scalars of the resource win. */
function mergeGlobal(global: unknown, local: unknown): unknown {
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  if (isPlain(global) && isPlain(local)) {
    const out: Record<string, unknown> = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = mergeGlobal(out[k], v);
    return out;
  }
  return local;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isUnknown(value);
}

function renamed(source: SourceResource, from: string, to: string): void {
  source.origin ??= {};
  source.origin[to] = source.origin[from] ?? ["Resources", source.logicalId, "Properties", from];
}

function expand(source: SourceResource): SourceResource[] {
  const p = isUnknown(source.properties) ? undefined : source.properties;
  switch (source.type) {
    case "AWS::Serverless::Function": {
      const fn: SourceResource = { ...source, type: "AWS::Lambda::Function" };
      if (!p) return [fn];
      const props: Record<string, unknown> = { ...p };
      if (p.Tracing !== undefined) {
        props.TracingConfig = { Mode: p.Tracing };
        renamed(fn, "Tracing", "TracingConfig");
      }
      if (p.DeadLetterQueue !== undefined) {
        props.DeadLetterConfig = { TargetArn: (p.DeadLetterQueue as { TargetArn?: unknown })?.TargetArn };
        renamed(fn, "DeadLetterQueue", "DeadLetterConfig");
      }
      if (p.Tags !== undefined && !Array.isArray(p.Tags) && isPlain(p.Tags))
        props.Tags = Object.entries(p.Tags).map(([Key, Value]) => ({ Key, Value }));
      if (p.InlineCode !== undefined) props.Code = { ZipFile: p.InlineCode };
      fn.properties = props;
      const out = [fn];
      if (isPlain(p.FunctionUrlConfig)) {
        const url: SourceResource = {
          logicalId: `${source.logicalId}Url`,
          type: "AWS::Lambda::Url",
          properties: { ...p.FunctionUrlConfig, TargetFunctionArn: { Ref: source.logicalId } },
          raw: { TargetFunctionArn: { Ref: source.logicalId } },
          origin: {
            AuthType: ["Resources", source.logicalId, "Properties", "FunctionUrlConfig", "AuthType"],
          },
        };
        out.push(url);
      }
      return out;
    }
    case "AWS::Serverless::Api": {
      const api: SourceResource = { ...source, type: "AWS::ApiGateway::RestApi" };
      if (!p) return [api];
      const stage: SourceResource = {
        logicalId: `${source.logicalId}Stage`,
        type: "AWS::ApiGateway::Stage",
        properties: {
          RestApiId: { Ref: source.logicalId },
          StageName: p.StageName,
          TracingEnabled: p.TracingEnabled,
          MethodSettings: p.MethodSettings,
          AccessLogSetting: p.AccessLogSetting,
          CacheClusterEnabled: p.CacheClusterEnabled,
          ClientCertificateId: p.ClientCertificateId,
        },
        raw: { RestApiId: { Ref: source.logicalId } },
        origin: {},
      };
      for (const key of [
        "StageName",
        "TracingEnabled",
        "MethodSettings",
        "AccessLogSetting",
        "CacheClusterEnabled",
      ])
        (stage.origin as Record<string, Segment[]>)[key] = source.origin?.[key] ?? [
          "Resources",
          source.logicalId,
          "Properties",
          key,
        ];
      return [api, stage];
    }
    case "AWS::Serverless::HttpApi": {
      const api: SourceResource = { ...source, type: "AWS::ApiGatewayV2::Api" };
      if (p) api.properties = { ...p, ProtocolType: "HTTP" };
      if (!p) return [api];
      const stage: SourceResource = {
        logicalId: `${source.logicalId}Stage`,
        type: "AWS::ApiGatewayV2::Stage",
        properties: {
          ApiId: { Ref: source.logicalId },
          StageName: p.StageName ?? "$default",
          AccessLogSettings: p.AccessLogSettings,
          DefaultRouteSettings: p.DefaultRouteSettings,
        },
        raw: { ApiId: { Ref: source.logicalId } },
        origin: {
          AccessLogSettings: source.origin?.AccessLogSettings ?? [
            "Resources",
            source.logicalId,
            "Properties",
            "AccessLogSettings",
          ],
        },
      };
      return [api, stage];
    }
    case "AWS::Serverless::SimpleTable": {
      const table: SourceResource = { ...source, type: "AWS::DynamoDB::Table" };
      if (p) table.properties = { ...p, SSESpecification: p.SSESpecification ?? null };
      return [table];
    }
    default:
      return [source];
  }
}
