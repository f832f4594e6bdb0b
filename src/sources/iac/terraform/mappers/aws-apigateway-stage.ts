/** aws.apigateway.stage from aws_api_gateway_stage, with aws_api_gateway_method_settings joined by stage_name. */
import { isUnknown } from "../../../../model/index.js";
import { asBool, fields, first, type TfMapper } from "./common.js";

export const apigatewayStageMapper: TfMapper = {
  canonicalType: "aws.apigateway.stage",
  parentTypes: ["aws_api_gateway_stage"],
  companions: { aws_api_gateway_method_settings: "stage_name" },
  linkKeys: (stage) => [stage.values.stage_name],
  build(stage, companions, props) {
    const base = fields(stage, props, [
      ["stageName", "stage_name"],
      ["accessLogDestination", "access_log_settings.0.destination_arn"],
      ["tracingEnabled", "xray_tracing_enabled", false, asBool],
    ]);
    // Only the settings for every method (`*/*`) say what the whole stage logs.
    const all = (companions.get("aws_api_gateway_method_settings") ?? []).find(
      (s) => s.values.method_path === "*/*" || isUnknown(s.values.method_path),
    );
    let methodLogging: unknown = "OFF";
    if (all) {
      props.add("methodLogging", all);
      const settings = all.values.settings;
      methodLogging = isUnknown(all.values.method_path)
        ? all.values.method_path
        : isUnknown(settings)
          ? settings
          : (first(settings)?.logging_level ?? "OFF");
    }
    return {
      type: "aws.apigateway.stage",
      name: typeof base.stageName === "string" ? base.stageName : stage.address,
      tags: {},
      properties: {
        stageName: base.stageName,
        accessLogDestination: base.accessLogDestination,
        methodLogging,
        tracingEnabled: base.tracingEnabled,
      },
    };
  },
};
