import {
  type FunctionConfiguration,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  paginateListFunctions,
} from "@aws-sdk/client-lambda";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, parsePolicy } from "../context.js";
import { errorCode, errorMarker } from "../errors.js";
import { all } from "./iam.js";

const TYPE = "aws.lambda.function";

/** The variables, or an error marker when Lambda could not decrypt them (its `Environment.Error`). */
function environmentVariables(fn: FunctionConfiguration): unknown {
  const failure = fn.Environment?.Error;
  if (failure)
    return errorMarker(
      "lambda:ListFunctions (environment)",
      Object.assign(new Error(failure.Message ?? ""), { name: failure.ErrorCode ?? "Error" }),
    );
  return fn.Environment?.Variables ?? {};
}

export const service: AwsService = {
  name: "lambda",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const lambda = ctx.client(LambdaClient, region);
    let functions: FunctionConfiguration[];
    try {
      functions = await all(paginateListFunctions({ client: lambda, pageSize: 50 }, {}), (p) => p.Functions);
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("lambda", region, "function:"),
        region,
        source: "lambda",
        operation: "lambda:ListFunctions",
        error,
      });
      return;
    }
    const resources = await ctx.limiter("lambda", region).map(functions, async (fn) => {
      const name = fn.FunctionName as string;
      let functionUrl: unknown;
      try {
        const url = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name }));
        functionUrl = { authType: url.AuthType ?? null };
      } catch (error) {
        // A function without a URL answers ResourceNotFoundException.
        functionUrl =
          errorCode(error) === "ResourceNotFoundException"
            ? null
            : errorMarker("lambda:GetFunctionUrlConfig", error);
      }
      let policy: unknown;
      try {
        policy = parsePolicy((await lambda.send(new GetPolicyCommand({ FunctionName: name }))).Policy);
      } catch (error) {
        // A function nobody was granted access to has no policy: ResourceNotFoundException.
        policy =
          errorCode(error) === "ResourceNotFoundException" ? null : errorMarker("lambda:GetPolicy", error);
      }
      return ctx.resource({
        type: TYPE,
        id: fn.FunctionArn ?? ctx.arn("lambda", region, `function:${name}`),
        name,
        region,
        source: "lambda",
        properties: {
          functionName: name,
          runtime: fn.Runtime ?? null,
          packageType: fn.PackageType ?? "Zip",
          // Kept as the IaC mappers keep them: the secrets-in-env check reads the values (and never reports them).
          environment: { variables: environmentVariables(fn) },
          functionUrl,
          policy,
        },
      });
    });
    for (const resource of resources) yield { resource };
  },
};
