/**
 * aws.iam.user, aws.iam.role and aws.iam.group with their policies: inline
 * (`aws_iam_*_policy`, a role's `inline_policy` blocks) and attached
 * (`aws_iam_*_policy_attachment`, a role's `managed_policy_arns`), joined by
 * the principal's name. What only exists at run time (MFA devices, key ages,
 * last use) is unknown, so no check fails on it.
 */
import { isUnknown, unknown } from "../../../../model/index.js";
import { type Companions, fields, nameOf, policyDocument, stringTags, type TfMapper } from "./common.js";
import type { TfResourceInput } from "./input.js";

function policyName(arn: unknown): unknown {
  return typeof arn === "string" ? (arn.split("/").pop() ?? arn) : arn;
}

function attached(companions: Companions, type: string, extra: unknown): unknown {
  const list: unknown[] = (companions.get(type) ?? []).map((a) => ({
    policyName: policyName(a.values.policy_arn),
    policyArn: a.values.policy_arn ?? null,
  }));
  if (isUnknown(extra)) return extra;
  if (Array.isArray(extra))
    for (const arn of extra) list.push({ policyName: policyName(arn), policyArn: arn });
  return list;
}

function inline(companions: Companions, type: string, blocks: unknown): unknown {
  const list: unknown[] = (companions.get(type) ?? []).map((p) => ({
    policyName: p.values.name ?? unknown("name generated at apply time"),
    policyDocument: policyDocument(p.values.policy),
  }));
  if (isUnknown(blocks)) return blocks;
  if (Array.isArray(blocks))
    for (const b of blocks as Record<string, unknown>[])
      if (b.policy !== undefined)
        list.push({ policyName: b.name ?? null, policyDocument: policyDocument(b.policy) });
  return list;
}

const byName = (principal: TfResourceInput) => [principal.values.name];
const afterApply = (what: string) => unknown(`${what} is known only after apply`);

export const iamUserMapper: TfMapper = {
  canonicalType: "aws.iam.user",
  parentTypes: ["aws_iam_user"],
  companions: {
    aws_iam_user_policy: "user",
    aws_iam_user_policy_attachment: "user",
    aws_iam_user_login_profile: "user",
    aws_iam_access_key: "user",
    aws_iam_user_group_membership: "user",
  },
  linkKeys: byName,
  build(user, companions, props) {
    const groups = (companions.get("aws_iam_user_group_membership") ?? []).flatMap((m) =>
      Array.isArray(m.values.groups) ? m.values.groups : [m.values.groups],
    );
    return {
      type: "aws.iam.user",
      name: nameOf(user, "name"),
      tags: stringTags(user.values.tags),
      properties: {
        ...fields(user, props, [
          ["userName", "name"],
          ["path", "path", "/"],
        ]),
        userId: afterApply("the user id"),
        createDate: afterApply("the creation date"),
        passwordEnabled: (companions.get("aws_iam_user_login_profile") ?? []).length > 0,
        passwordLastUsed: null,
        mfaDevices: unknown("MFA devices are enrolled outside Terraform"),
        accessKeys: (companions.get("aws_iam_access_key") ?? []).map((k) => ({
          accessKeyId: afterApply("the access key id"),
          status: k.values.status ?? "Active",
          createDate: afterApply("the key's creation date"),
          lastUsedDate: unknown("key use is known only at run time"),
        })),
        attachedPolicies: attached(companions, "aws_iam_user_policy_attachment", undefined),
        inlinePolicies: inline(companions, "aws_iam_user_policy", undefined),
        groups,
      },
    };
  },
};

export const iamRoleMapper: TfMapper = {
  canonicalType: "aws.iam.role",
  parentTypes: ["aws_iam_role"],
  companions: { aws_iam_role_policy: "role", aws_iam_role_policy_attachment: "role" },
  linkKeys: byName,
  build(role, companions, props) {
    return {
      type: "aws.iam.role",
      name: nameOf(role, "name"),
      tags: stringTags(role.values.tags),
      properties: {
        ...fields(role, props, [
          ["roleName", "name"],
          ["path", "path", "/"],
          ["assumeRolePolicyDocument", "assume_role_policy", null, policyDocument],
        ]),
        createDate: afterApply("the creation date"),
        attachedPolicies: attached(
          companions,
          "aws_iam_role_policy_attachment",
          role.values.managed_policy_arns,
        ),
        inlinePolicies: inline(companions, "aws_iam_role_policy", role.values.inline_policy),
        instanceProfileArns: [],
      },
    };
  },
};

export const iamGroupMapper: TfMapper = {
  canonicalType: "aws.iam.group",
  parentTypes: ["aws_iam_group"],
  companions: { aws_iam_group_policy: "group", aws_iam_group_policy_attachment: "group" },
  linkKeys: byName,
  build(group, companions, props) {
    return {
      type: "aws.iam.group",
      name: nameOf(group, "name"),
      tags: {},
      properties: {
        ...fields(group, props, [
          ["groupName", "name"],
          ["path", "path", "/"],
        ]),
        attachedPolicies: attached(companions, "aws_iam_group_policy_attachment", undefined),
        inlinePolicies: inline(companions, "aws_iam_group_policy", undefined),
      },
    };
  },
};
