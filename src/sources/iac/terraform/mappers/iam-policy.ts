/** aws.iam.policy from aws_iam_policy; attachments are the attachment resources that point at it. */
import { fields, nameOf, policyDocument, stringTags, type TfMapper } from "./common.js";

export const iamPolicyMapper: TfMapper = {
  canonicalType: "aws.iam.policy",
  parentTypes: ["aws_iam_policy"],
  companions: {
    aws_iam_policy_attachment: "policy_arn",
    aws_iam_role_policy_attachment: "policy_arn",
    aws_iam_user_policy_attachment: "policy_arn",
    aws_iam_group_policy_attachment: "policy_arn",
  },
  linkKeys: (policy) => [policy.values.arn],
  build(policy, companions, props) {
    let attachments = 0;
    for (const list of companions.values()) attachments += list.length;
    return {
      type: "aws.iam.policy",
      name: nameOf(policy, "name"),
      tags: stringTags(policy.values.tags),
      properties: {
        ...fields(policy, props, [
          ["policyName", "name"],
          ["path", "path", "/"],
          ["document", "policy", null, policyDocument],
        ]),
        awsManaged: false,
        attachmentCount: attachments,
        defaultVersionId: "v1",
      },
    };
  },
};
