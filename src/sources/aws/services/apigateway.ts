import {
  APIGatewayClient,
  GetStagesCommand,
  type Method,
  paginateGetResources,
  paginateGetRestApis,
  type RestApi,
  type Resource as RestResource,
  type Stage,
} from "@aws-sdk/client-api-gateway";
import {
  type Api,
  ApiGatewayV2Client,
  GetApisCommand,
  GetStagesCommand as GetV2StagesCommand,
  type Stage as V2Stage,
} from "@aws-sdk/client-apigatewayv2";
import type { Resource } from "../../../model/index.js";
import { unknown } from "../../../model/index.js";
import type { ResourceItem } from "../../../scan/posture.js";
import type { AwsContext, AwsService } from "../context.js";
import { missingField } from "./markers.js";

/**
 * REST API stages (API Gateway v1) and HTTP/WebSocket API stages (v2) as one
 * type, `aws.apigateway.stage`, so the access-logging check covers every front
 * door; `protocolType` tells them apart. REST API methods are
 * `aws.apigateway.method`, as the IaC mappers build them.
 */
const TYPE = "aws.apigateway.stage";
/** REST API methods (v1 only: HTTP API routes have no such per-method authorisation record). */
const METHOD_TYPE = "aws.apigateway.method";
const SOURCE = "apigateway";
const GET_RESOURCES = "apigateway:GetResources";

/** API Gateway ARNs name no account: arn:aws:apigateway:REGION::/restapis/ID/stages/NAME. */
const apiArn = (ctx: AwsContext, region: string, path: string) => ctx.arn("apigateway", region, path, "");

function restStage(ctx: AwsContext, region: string, api: RestApi, stage: Stage): Resource {
  const name = stage.stageName as string;
  // Only the settings for every method (`*/*`) say what the whole stage logs; none means OFF.
  const all = stage.methodSettings?.["*/*"];
  return ctx.resource({
    type: TYPE,
    id: apiArn(ctx, region, `/restapis/${api.id}/stages/${name}`),
    name: `${api.name ?? api.id}/${name}`,
    region,
    source: SOURCE,
    tags: stage.tags ?? {},
    properties: {
      apiId: api.id ?? null,
      protocolType: "REST",
      stageName: name,
      accessLogDestination: stage.accessLogSettings?.destinationArn || null,
      methodLogging: all ? (all.loggingLevel ?? "OFF") : "OFF",
      tracingEnabled: stage.tracingEnabled === true,
    },
  });
}

/**
 * One method of a REST API resource, from GetResources with `embed=methods`
 * (which returns the GetMethod fields of every method). A field the embedded
 * method lacks is an error marker, so the check reports `error`, not a guess.
 */
function restMethod(
  ctx: AwsContext,
  region: string,
  api: RestApi,
  resource: RestResource,
  verb: string,
  method: Method,
): Resource {
  const path = resource.path ?? `/${resource.pathPart ?? ""}`;
  return ctx.resource({
    type: METHOD_TYPE,
    id: apiArn(ctx, region, `/restapis/${api.id}/resources/${resource.id}/methods/${verb}`),
    name: `${verb} ${api.name ?? api.id}${path}`,
    region,
    source: SOURCE,
    properties: {
      httpMethod: method.httpMethod ?? verb,
      authorizationType: method.authorizationType ?? missingField(GET_RESOURCES, "authorizationType"),
      // GetMethod leaves the flag out when it is false.
      apiKeyRequired: method.apiKeyRequired === true,
      authorizerId: method.authorizerId ?? null,
      restApiId: api.id ?? null,
    },
  });
}

function v2Stage(ctx: AwsContext, region: string, api: Api, stage: V2Stage): Resource {
  const name = stage.StageName as string;
  return ctx.resource({
    type: TYPE,
    id: apiArn(ctx, region, `/apis/${api.ApiId}/stages/${name}`),
    name: `${api.Name ?? api.ApiId}/${name}`,
    region,
    source: SOURCE,
    tags: stage.Tags ?? {},
    properties: {
      apiId: api.ApiId ?? null,
      protocolType: api.ProtocolType ?? null,
      stageName: name,
      accessLogDestination: stage.AccessLogSettings?.DestinationArn || null,
      // WebSocket APIs log route execution at the stage's default level; HTTP APIs have no execution logs.
      methodLogging:
        api.ProtocolType === "WEBSOCKET"
          ? (stage.DefaultRouteSettings?.LoggingLevel ?? "OFF")
          : unknown("HTTP APIs have no execution logging (only access logs)"),
      // X-Ray tracing exists only for REST API stages.
      tracingEnabled: false,
    },
  });
}

/** REST APIs (v1): per API its stages and, from its resources, its methods. */
async function* restApis(ctx: AwsContext, region: string): AsyncGenerator<ResourceItem> {
  const client = ctx.client(APIGatewayClient, region);
  const apis: RestApi[] = [];
  try {
    for await (const page of paginateGetRestApis({ client, pageSize: 500 }, {}))
      apis.push(...(page.items ?? []));
  } catch (error) {
    const failed = (type: string, path: string) =>
      ctx.collectionFailed({
        type,
        idPrefix: apiArn(ctx, region, path),
        region,
        source: SOURCE,
        operation: "apigateway:GetRestApis",
        error,
      });
    // A marker for stages and one for methods, but one scan error: one call failed.
    yield* failed(TYPE, "/restapis/");
    yield* failed(METHOD_TYPE, "/restapis/*/resources/").filter((item) => "resource" in item);
    return;
  }
  const limiter = ctx.limiter(SOURCE, region);
  const stagesOf = async (api: RestApi): Promise<ResourceItem[]> => {
    try {
      const out = await client.send(new GetStagesCommand({ restApiId: api.id }));
      return (out.item ?? []).map((stage) => ({ resource: restStage(ctx, region, api, stage) }));
    } catch (error) {
      return ctx.collectionFailed({
        type: TYPE,
        idPrefix: apiArn(ctx, region, `/restapis/${api.id}/stages/`),
        region,
        source: SOURCE,
        operation: "apigateway:GetStages",
        error,
      });
    }
  };
  const methodsOf = async (api: RestApi): Promise<ResourceItem[]> => {
    try {
      const items: ResourceItem[] = [];
      for await (const page of paginateGetResources(
        { client, pageSize: 500 },
        { restApiId: api.id, embed: ["methods"] },
      ))
        for (const resource of page.items ?? [])
          for (const [verb, method] of Object.entries(resource.resourceMethods ?? {}))
            items.push({ resource: restMethod(ctx, region, api, resource, verb, method) });
      return items;
    } catch (error) {
      return ctx.collectionFailed({
        type: METHOD_TYPE,
        idPrefix: apiArn(ctx, region, `/restapis/${api.id}/resources/`),
        region,
        source: SOURCE,
        operation: GET_RESOURCES,
        error,
      });
    }
  };
  const perApi = await Promise.all(
    apis.map(async (api) => {
      const [stages, methods] = await Promise.all([
        limiter.run(() => stagesOf(api)),
        limiter.run(() => methodsOf(api)),
      ]);
      return [...stages, ...methods];
    }),
  );
  for (const items of perApi) yield* items;
}

async function* v2Stages(ctx: AwsContext, region: string): AsyncGenerator<ResourceItem> {
  const client = ctx.client(ApiGatewayV2Client, region);
  const apis: Api[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(new GetApisCommand({ MaxResults: "500", NextToken: token }));
      apis.push(...(page.Items ?? []));
      token = page.NextToken;
    } while (token);
  } catch (error) {
    yield* ctx.collectionFailed({
      type: TYPE,
      idPrefix: apiArn(ctx, region, "/apis/"),
      region,
      source: SOURCE,
      operation: "apigateway:GetApis",
      error,
    });
    return;
  }
  const limiter = ctx.limiter(SOURCE, region);
  const perApi = await limiter.map(apis, async (api): Promise<ResourceItem[]> => {
    try {
      const stages: V2Stage[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new GetV2StagesCommand({ ApiId: api.ApiId, MaxResults: "500", NextToken: token }),
        );
        stages.push(...(page.Items ?? []));
        token = page.NextToken;
      } while (token);
      return stages.map((stage) => ({ resource: v2Stage(ctx, region, api, stage) }));
    } catch (error) {
      return ctx.collectionFailed({
        type: TYPE,
        idPrefix: apiArn(ctx, region, `/apis/${api.ApiId}/stages/`),
        region,
        source: SOURCE,
        operation: "apigateway:GetStages (v2)",
        error,
      });
    }
  });
  for (const items of perApi) yield* items;
}

export const service: AwsService = {
  name: SOURCE,
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    yield* restApis(ctx, region);
    yield* v2Stages(ctx, region);
  },
};
