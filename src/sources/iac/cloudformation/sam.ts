import { isUnknown, type Unknown, unknown } from "../../../model/index.js";
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
    if (source.type === "AWS::Serverless::Function" && !isUnknown(properties))
      out.push(...apiEventMethods(source, properties, sources, globals));
  }
  return out;
}

/** A SAM authorizer's API Gateway authorization type: Cognito pools are COGNITO_USER_POOLS, Lambda ones CUSTOM. */
function authorizerType(name: unknown, auth: Record<string, unknown>): unknown {
  if (isUnknown(name)) return name;
  if (name === undefined || name === null || name === "NONE") return "NONE";
  if (name === "AWS_IAM") return "AWS_IAM";
  const authorizers = auth.Authorizers;
  if (isUnknown(authorizers)) return authorizers;
  const spec = isPlain(authorizers) ? authorizers[String(name)] : undefined;
  return isPlain(spec) && spec.UserPoolArn !== undefined ? "COGNITO_USER_POOLS" : "CUSTOM";
}

/**
 * The REST API methods SAM makes for a function's `Api` events, with the
 * authorization it applies: the event's `Auth`, else the API's `Auth`
 * defaults (an explicit `AWS::Serverless::Api` via `RestApiId`, or the
 * implicit API, which takes `Globals.Api`).
 */
function apiEventMethods(
  fn: SourceResource,
  properties: Record<string, unknown>,
  sources: SourceResource[],
  globals: Record<string, Record<string, unknown>>,
): SourceResource[] {
  const events = properties.Events;
  if (!isPlain(events)) return [];
  const functionId = fn.logicalId;
  const rawEvents = isPlain(fn.raw.Events) ? fn.raw.Events : {};
  const out: SourceResource[] = [];
  for (const [name, event] of Object.entries(events)) {
    if (!isPlain(event) || event.Type !== "Api" || !isPlain(event.Properties)) continue;
    const ep = event.Properties;
    const rawEvent = rawEvents[name];
    const rawProps = isPlain(rawEvent) && isPlain(rawEvent.Properties) ? rawEvent.Properties : {};
    const at = ["Resources", functionId, "Properties", "Events", name, "Properties"];
    let api: unknown = globals.Api ?? {};
    const restApi = ep.RestApiId;
    if (restApi !== undefined) {
      const ref = rawProps.RestApiId;
      const target = isPlain(ref) && typeof ref.Ref === "string" ? ref.Ref : undefined;
      const found = sources.find((s) => s.logicalId === target && s.type === "AWS::Serverless::Api");
      api = found
        ? isUnknown(found.properties)
          ? found.properties
          : mergeGlobal(globals.Api ?? {}, found.properties)
        : unknownApi();
    }
    const apiAuth = isUnknown(api) ? api : isPlain(api) ? (api.Auth ?? {}) : {};
    const eventAuth = isPlain(ep.Auth) ? ep.Auth : {};
    let authorizationType: unknown;
    let apiKeyRequired: unknown;
    if (isUnknown(apiAuth)) [authorizationType, apiKeyRequired] = [apiAuth, apiAuth];
    else if (!isPlain(apiAuth)) [authorizationType, apiKeyRequired] = [unknownApi(), unknownApi()];
    else {
      authorizationType = authorizerType(eventAuth.Authorizer ?? apiAuth.DefaultAuthorizer, apiAuth);
      apiKeyRequired = eventAuth.ApiKeyRequired ?? apiAuth.ApiKeyRequired ?? false;
    }
    out.push({
      logicalId: `${functionId}${name}Method`,
      type: "AWS::ApiGateway::Method",
      properties: {
        HttpMethod: typeof ep.Method === "string" ? ep.Method.toUpperCase() : ep.Method,
        AuthorizationType: authorizationType,
        ApiKeyRequired: apiKeyRequired,
        RestApiId: restApi ?? unknown("the implicit ServerlessRestApi id is known after deployment"),
      },
      raw: {},
      origin: {
        HttpMethod: [...at, "Method"],
        AuthorizationType: eventAuth.Authorizer !== undefined ? [...at, "Auth", "Authorizer"] : [...at],
        ApiKeyRequired: [...at],
      },
    });
  }
  return out;
}

function unknownApi(): Unknown {
  return unknown("the API of this event is not a SAM API in this template");
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
