import { defineCheck, fail, pass } from "../../../check.js";
import { isRecord } from "../../shared/read.js";
import { managementValue } from "../read.js";

export default defineCheck({
  id: "aws.organizations.centralized-root-access",
  title: "Root access of member accounts is managed centrally",
  description:
    "With centralized root access, member accounts need no long-lived root credentials: the management account (or a delegated administrator) removes them and runs short, scoped root sessions when a task requires root (CIS AWS 2.1.1).",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "In the management account: IAM → Root access management → Enable (root credentials management), or `aws organizations enable-aws-service-access --service-principal iam.amazonaws.com` then `aws iam enable-organizations-root-credentials-management`.",
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management",
  ],
  evaluate(resource) {
    const read = managementValue(resource, "rootAccess");
    if ("result" in read) return read.result;
    const features =
      isRecord(read.value) && Array.isArray(read.value.enabledFeatures) ? read.value.enabledFeatures : [];
    return features.includes("RootCredentialsManagement")
      ? pass("root credentials management is enabled for the organization", {
          path: "organization.rootAccess.enabledFeatures",
          actual: features,
        })
      : fail("centralized root credentials management is not enabled", {
          path: "organization.rootAccess.enabledFeatures",
          actual: read.value ?? null,
          expected: "RootCredentialsManagement among the enabled features",
        });
  },
});
