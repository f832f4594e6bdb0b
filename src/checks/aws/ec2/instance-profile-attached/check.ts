import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.ec2.instance-profile-attached",
  title: "EC2 instances use an IAM instance role",
  description:
    "An instance without a role tends to carry long-lived access keys on disk; an instance profile gives it rotated temporary credentials (CIS AWS 2.16).",
  severity: "medium",
  resourceTypes: ["aws.ec2.instance"],
  remediation:
    "Attach an instance profile with a least-privilege role and remove any access keys stored on the instance.",
  evaluate(resource) {
    const { state, iamInstanceProfile } = resource.properties;
    if (state === "terminated" || state === "shutting-down")
      return notApplicable(`the instance is ${state}`, { path: "state", actual: state });
    if (isUnknown(iamInstanceProfile))
      return notApplicable("the instance profile is not known", {
        path: "iamInstanceProfile",
        actual: iamInstanceProfile,
      });
    return iamInstanceProfile
      ? pass("the instance has an instance profile", {
          path: "iamInstanceProfile",
          actual: iamInstanceProfile,
        })
      : fail("the instance has no IAM instance profile", {
          path: "iamInstanceProfile",
          actual: null,
          expected: "an instance profile",
        });
  },
});
