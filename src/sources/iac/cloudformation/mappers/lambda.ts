/** aws.lambda.function from AWS::Lambda::Function, with AWS::Lambda::Url joined by TargetFunctionArn. */
import { unknown } from "../../../../model/index.js";
import { type CfnMapper, nameOf, prop, tagsOf } from "./context.js";

export const lambdaFunctionMapper: CfnMapper = {
  canonicalType: "aws.lambda.function",
  cfnType: "AWS::Lambda::Function",
  companions: {
    "AWS::Lambda::Url": (url, ctx) => ctx.refTarget(url.raw.TargetFunctionArn),
  },
  map(fn, companions, ctx) {
    ctx.at("runtime", fn, "Runtime");
    ctx.at("environment.variables", fn, "Environment", "Variables");
    const url = companions.find((c) => c.type === "AWS::Lambda::Url");
    if (url) ctx.at("functionUrl.authType", url, "AuthType");
    return {
      name: nameOf(fn, "FunctionName"),
      properties: {
        functionName: prop(fn, "FunctionName") ?? unknown("CloudFormation generates the function name"),
        runtime: prop(fn, "Runtime") ?? null,
        packageType: prop(fn, "PackageType") ?? "Zip",
        environment: { variables: prop(fn, "Environment", "Variables") ?? {} },
        functionUrl: url ? { authType: prop(url, "AuthType") ?? null } : null,
      },
      tags: tagsOf(prop(fn, "Tags")),
    };
  },
};
