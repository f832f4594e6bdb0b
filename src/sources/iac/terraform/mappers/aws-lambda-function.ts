/**
 * aws.lambda.function from aws_lambda_function, with aws_lambda_function_url and
 * aws_lambda_permission joined by function name or ARN; the permissions become
 * the function's resource policy, one statement each, as GetPolicy shows them.
 */
import { isUnknown, unknown } from "../../../../model/index.js";
import { fields, first, nameOf, stringTags, type TfMapper } from "./common.js";
import type { TfResourceInput } from "./input.js";

/** The policy statement one aws_lambda_permission adds; unknown when its principal is. */
function permissionStatement(permission: TfResourceInput): unknown {
  const v = permission.values;
  if (isUnknown(v.principal)) return unknown("the permission's principal is not known");
  const principal = String(v.principal ?? "");
  const given = (value: unknown) => value !== undefined && value !== null;
  const equals: Record<string, unknown> = {};
  if (given(v.source_account)) equals["AWS:SourceAccount"] = v.source_account;
  if (given(v.principal_org_id)) equals["aws:PrincipalOrgID"] = v.principal_org_id;
  const condition: Record<string, Record<string, unknown>> = {};
  if (given(v.source_arn)) condition.ArnLike = { "AWS:SourceArn": v.source_arn };
  if (Object.keys(equals).length > 0) condition.StringEquals = equals;
  return {
    ...(typeof v.statement_id === "string" ? { Sid: v.statement_id } : {}),
    Effect: "Allow",
    Principal:
      principal === "*" ? "*" : principal.includes(".") ? { Service: principal } : { AWS: principal },
    Action: v.action ?? "lambda:InvokeFunction",
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

export const lambdaFunctionMapper: TfMapper = {
  canonicalType: "aws.lambda.function",
  parentTypes: ["aws_lambda_function"],
  companions: { aws_lambda_function_url: "function_name", aws_lambda_permission: "function_name" },
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
    const permissions = companions.get("aws_lambda_permission") ?? [];
    const statements = permissions.map(permissionStatement);
    for (const [index, permission] of permissions.entries())
      props.add(`policy.Statement[${index}]`, permission, "principal");
    const policy =
      statements.length === 0
        ? null
        : (statements.find(isUnknown) ?? { Version: "2012-10-17", Statement: statements });
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
        policy,
      },
    };
  },
};
