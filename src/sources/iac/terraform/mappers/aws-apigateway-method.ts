/** aws.apigateway.method from aws_api_gateway_method (REST API methods; the API's GetMethod fields). */
import { isUnknown } from "../../../../model/index.js";
import { asBool, fields, type TfMapper } from "./common.js";

export const apigatewayMethodMapper: TfMapper = {
  canonicalType: "aws.apigateway.method",
  parentTypes: ["aws_api_gateway_method"],
  companions: {},
  linkKeys: () => [],
  build(method, _companions, props) {
    const base = fields(method, props, [
      ["httpMethod", "http_method"],
      ["authorizationType", "authorization"],
      ["apiKeyRequired", "api_key_required", false, asBool],
      ["authorizerId", "authorizer_id"],
      ["restApiId", "rest_api_id"],
    ]);
    const verb = isUnknown(base.httpMethod) ? "method" : String(base.httpMethod);
    return {
      type: "aws.apigateway.method",
      name: `${verb} ${method.address}`,
      tags: {},
      properties: base,
    };
  },
};
