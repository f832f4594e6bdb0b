import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.efs.encrypted",
  title: "EFS file system is encrypted at rest",
  description:
    "Data at rest on an unencrypted file system is readable from the storage layer (CIS AWS 3.3.1).",
  severity: "high",
  resourceTypes: ["aws.efs.file-system"],
  remediation:
    "Create an encrypted file system (`encrypted = true`) and move the data; encryption cannot be enabled in place.",

  evaluate(resource) {
    return expectValue(resource, "encrypted", (value) => value === true, {
      pass: "the file system is encrypted",
      fail: () => "the file system is not encrypted",
      expected: true,
    });
  },
});
