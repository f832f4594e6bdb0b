import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.ec2.default-security-group-closed",
  title: "Default security group of a VPC restricts all traffic",
  description:
    "Resources launched without an explicit security group land in the VPC's default group; with no rules in it they get no network access by accident.",
  severity: "medium",
  resourceTypes: ["aws.ec2.security-group"],
  remediation:
    "Remove every inbound and outbound rule from the default security group and give resources purpose-made groups instead.",
  references: ["https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html"],
  evaluate(resource) {
    const name = resource.properties.groupName;
    if (isUnknown(name))
      return notApplicable("the group name is not known at scan time", { path: "groupName", actual: name });
    if (name !== "default")
      return notApplicable("not a default security group", { path: "groupName", actual: name });
    const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
    const ingress = count(resource.properties.ingress);
    const egress = count(resource.properties.egress);
    if (ingress === 0 && egress === 0)
      return pass("the default security group has no rules", { path: "ingress" });
    return fail(`the default security group has ${ingress} inbound and ${egress} outbound rules`, {
      path: ingress > 0 ? "ingress" : "egress",
      actual: ingress > 0 ? resource.properties.ingress : resource.properties.egress,
      expected: [],
    });
  },
});
