import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.ecr.scan-on-push",
  title: "ECR repository scans images on push",
  description:
    "Scanning each pushed image reports known vulnerabilities in its packages before the image is deployed.",
  severity: "medium",
  resourceTypes: ["aws.ecr.repository"],
  remediation:
    "Turn on scan on push (`image_scanning_configuration { scan_on_push = true }`), or a registry-level enhanced scanning rule that covers the repository.",
  references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-basic.html"],
  fixes: {
    terraform:
      'resource "aws_ecr_repository" "example" {\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}',
    cloudformation:
      "Type: AWS::ECR::Repository\nProperties:\n  ImageScanningConfiguration:\n    ScanOnPush: true",
  },
  evaluate(resource) {
    return expectValue(resource, "imageScanningConfiguration.scanOnPush", (value) => value === true, {
      pass: "images are scanned on push",
      fail: () => "images are not scanned on push",
      expected: true,
    });
  },
});
