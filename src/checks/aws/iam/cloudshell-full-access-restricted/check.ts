import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.iam.cloudshell-full-access-restricted",
  title: "No identity holds AWSCloudShellFullAccess",
  description:
    "AWSCloudShellFullAccess allows file upload and download and unrestricted network access from CloudShell, a path for data exfiltration (CIS AWS 2.20).",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Detach AWSCloudShellFullAccess from every user, group and role; grant narrower CloudShell permissions where needed.",

  evaluate(resource) {
    return expectValue(
      resource,
      "policyEntities.AWSCloudShellFullAccess",
      (value) =>
        typeof value === "object" &&
        value !== null &&
        ["users", "groups", "roles"].every((k) => {
          const list = (value as Record<string, unknown>)[k];
          return !Array.isArray(list) || list.length === 0;
        }),
      {
        pass: "no identity holds AWSCloudShellFullAccess",
        fail: (value) => `AWSCloudShellFullAccess is attached to ${JSON.stringify(value)}`,
        expected: "no users, groups or roles",
      },
    );
  },
});
