import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

/**
 * Runtimes past their deprecation date, from the AWS Lambda runtimes page as
 * of 2026-11 (runtime → date AWS stopped applying security patches, "phase 1"
 * of its runtime support policy). Data, not logic: add a row when AWS
 * deprecates another runtime. Checked 2026-11-23: python3.10 ended on
 * 2026-10-31 (AWS Health notice), dotnet8 on 2026-11-10 with .NET 8 itself;
 * the Amazon Linux 2 runtimes (java8.al2, java11, java17, provided.al2) have
 * no date passed yet.
 */
const DEPRECATED_RUNTIMES: Readonly<Record<string, string>> = {
  nodejs: "2016-10-31",
  "nodejs4.3": "2020-03-05",
  "nodejs4.3-edge": "2019-04-30",
  "nodejs6.10": "2019-08-12",
  "nodejs8.10": "2020-03-06",
  "nodejs10.x": "2021-07-30",
  "nodejs12.x": "2023-03-31",
  "nodejs14.x": "2023-12-04",
  "nodejs16.x": "2024-06-12",
  "nodejs18.x": "2025-09-01",
  "nodejs20.x": "2026-04-30",
  "python2.7": "2021-07-15",
  "python3.6": "2022-07-18",
  "python3.7": "2023-12-04",
  "python3.8": "2024-10-14",
  "python3.9": "2025-12-15",
  "python3.10": "2026-10-31",
  "ruby2.5": "2021-07-30",
  "ruby2.7": "2023-12-07",
  "ruby3.2": "2026-03-31",
  java8: "2024-01-08",
  "go1.x": "2024-01-08",
  provided: "2024-01-08",
  "dotnetcore1.0": "2019-06-27",
  "dotnetcore2.0": "2019-05-30",
  "dotnetcore2.1": "2022-01-05",
  "dotnetcore3.1": "2023-04-03",
  "dotnet5.0": "2022-05-10",
  dotnet6: "2024-12-20",
  dotnet7: "2024-05-14",
  dotnet8: "2026-11-10",
};

export default defineCheck({
  id: "aws.lambda.deprecated-runtime",
  title: "Lambda function runs on a supported runtime",
  description:
    "A deprecated runtime gets no more security patches from AWS, and functions on it can no longer be created and later not updated.",
  severity: "medium",
  resourceTypes: ["aws.lambda.function"],
  remediation: "Move the function to a supported version of its language runtime and redeploy it.",
  references: ["https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"],
  fixes: {
    terraform: 'resource "aws_lambda_function" "example" {\n  runtime = "nodejs22.x"\n}',
    cloudformation: "Type: AWS::Lambda::Function\nProperties:\n  Runtime: nodejs22.x",
  },
  evaluate(resource) {
    const runtime = resource.properties.runtime;
    if (isUnknown(runtime))
      return notApplicable("the runtime is not known", { path: "runtime", actual: runtime });
    if (typeof runtime !== "string" || runtime === "")
      return notApplicable("the function is a container image without a managed runtime", {
        path: "runtime",
        actual: runtime ?? null,
      });
    const since = DEPRECATED_RUNTIMES[runtime];
    return since
      ? fail(`runtime ${runtime} has been deprecated since ${since}`, {
          path: "runtime",
          actual: runtime,
          expected: "a supported runtime",
        })
      : pass(`runtime ${runtime} is not deprecated`, { path: "runtime", actual: runtime });
  },
});
