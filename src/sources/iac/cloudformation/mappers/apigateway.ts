/** aws.apigateway.stage from AWS::ApiGateway::Stage (method settings are part of the stage). */
import { isUnknown, unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, list, nameOf, prop, tagsOf } from "./context.js";

export const apigatewayStageMapper: CfnMapper = {
  canonicalType: "aws.apigateway.stage",
  cfnType: "AWS::ApiGateway::Stage",
  map(stage, _companions, ctx) {
    ctx.at("accessLogDestination", stage, "AccessLogSetting", "DestinationArn");
    ctx.at("methodLogging", stage, "MethodSettings");
    ctx.at("tracingEnabled", stage, "TracingEnabled");
    const settings = list(prop(stage, "MethodSettings"));
    let methodLogging: unknown = "OFF";
    if (isUnknown(settings)) methodLogging = settings;
    else {
      // Only the settings for every method (`*` on `/*`) say what the whole stage logs.
      const all = settings.find((s) => {
        const { HttpMethod, ResourcePath } = (s ?? {}) as Record<string, unknown>;
        return HttpMethod === "*" && ResourcePath === "/*";
      }) as Record<string, unknown> | undefined;
      if (all) methodLogging = all.LoggingLevel ?? "OFF";
    }
    return {
      name: nameOf(stage, "StageName"),
      properties: {
        stageName: prop(stage, "StageName") ?? unknown("the stage name is not set"),
        accessLogDestination: prop(stage, "AccessLogSetting", "DestinationArn") ?? null,
        methodLogging,
        tracingEnabled: bool(prop(stage, "TracingEnabled")) ?? false,
      },
      tags: tagsOf(prop(stage, "Tags")),
    };
  },
};

/** aws.apigateway.method from AWS::ApiGateway::Method (also made from SAM function `Api` events). */
export const apigatewayMethodMapper: CfnMapper = {
  canonicalType: "aws.apigateway.method",
  cfnType: "AWS::ApiGateway::Method",
  map(method, _companions, ctx) {
    ctx.at("httpMethod", method, "HttpMethod");
    ctx.at("authorizationType", method, "AuthorizationType");
    ctx.at("apiKeyRequired", method, "ApiKeyRequired");
    const httpMethod = prop(method, "HttpMethod") ?? unknown("the HTTP method is not set");
    return {
      name: typeof httpMethod === "string" ? `${httpMethod} ${method.logicalId}` : method.logicalId,
      properties: {
        httpMethod,
        // CloudFormation's default when AuthorizationType is left out.
        authorizationType: prop(method, "AuthorizationType") ?? "NONE",
        apiKeyRequired: bool(prop(method, "ApiKeyRequired")) ?? false,
        authorizerId: prop(method, "AuthorizerId") ?? null,
        restApiId: prop(method, "RestApiId") ?? null,
      },
    };
  },
};
