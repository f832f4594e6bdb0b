import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isRecord } from "../../shared/read.js";

export default defineCheck({
  id: "aws.ec2.instance-imdsv2",
  title: "EC2 instance metadata service allows only IMDSv2",
  description:
    "IMDSv1 answers plain GET requests, which server-side request forgery can reach; IMDSv2 requires a session token (CIS AWS 6.7).",
  severity: "high",
  resourceTypes: ["aws.ec2.instance"],
  remediation:
    'Set HttpTokens to required on the instance (`metadata_options { http_tokens = "required" }`), or disable the metadata endpoint.',
  evaluate(resource) {
    const options = resource.properties.metadataOptions;
    if (resource.properties.state === "terminated")
      return notApplicable("the instance is terminated", { path: "state", actual: "terminated" });
    if (isUnknown(options))
      return notApplicable("metadata options are not known", { path: "metadataOptions", actual: options });
    const tokens = isRecord(options) ? options.httpTokens : undefined;
    const endpoint = isRecord(options) ? options.httpEndpoint : undefined;
    if (isUnknown(tokens))
      return notApplicable("HttpTokens is not known", { path: "metadataOptions.httpTokens", actual: tokens });
    if (endpoint === "disabled")
      return pass("the metadata endpoint is disabled", {
        path: "metadataOptions.httpEndpoint",
        actual: endpoint,
      });
    return tokens === "required"
      ? pass("IMDSv2 is required", { path: "metadataOptions.httpTokens", actual: tokens })
      : fail("the instance accepts IMDSv1 requests", {
          path: "metadataOptions.httpTokens",
          actual: tokens ?? null,
          expected: "required",
        });
  },
});
