/** aws.lambda.function from aws_lambda_function, with aws_lambda_function_url joined by function name or ARN. */
import { isUnknown } from "../../../../model/index.js";
import { fields, first, nameOf, stringTags, type TfMapper } from "./common.js";

export const lambdaFunctionMapper: TfMapper = {
  canonicalType: "aws.lambda.function",
  parentTypes: ["aws_lambda_function"],
  companions: { aws_lambda_function_url: "function_name" },
  linkKeys: (fn) => [fn.values.function_name, fn.values.arn],
  build(fn, companions, props) {
    const base = fields(fn, props, [
      ["functionName", "function_name"],
      ["runtime", "runtime"],
      ["packageType", "package_type", "Zip"],
      ["environment.variables", "environment.0.variables"],
    ]);
    const env = fn.values.environment;
    const variables = isUnknown(env) ? env : (base["environment.variables"] ?? (first(env) ? {} : null));
    const url = companions.get("aws_lambda_function_url")?.[0];
    if (url) props.add("functionUrl.authType", url, "authorization_type");
    return {
      type: "aws.lambda.function",
      name: nameOf(fn, "function_name"),
      tags: stringTags(fn.values.tags),
      properties: {
        functionName: base.functionName,
        runtime: base.runtime,
        packageType: base.packageType,
        environment: { variables: variables ?? {} },
        functionUrl: url ? { authType: url.values.authorization_type ?? null } : null,
      },
    };
  },
};
