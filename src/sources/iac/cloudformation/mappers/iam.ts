import { isUnknown, unknown } from "../../../../model/index.js";
import {
  type CfnMapper,
  list,
  type MapContext,
  nameOf,
  policyDocument,
  prop,
  type SourceResource,
  str,
} from "./context.js";

/** `ManagedPolicyArns` → `[{policyName, policyArn}]`; the name is the ARN's last part when it is known. */
function attachedPolicies(source: SourceResource, ctx: MapContext): unknown {
  ctx.at("attachedPolicies", source, "ManagedPolicyArns");
  const arns = list(prop(source, "ManagedPolicyArns"));
  if (isUnknown(arns)) return arns;
  return arns.map((arn) => ({
    policyName: typeof arn === "string" ? (arn.split("/").pop() ?? arn) : unknown("policy ARN not known"),
    policyArn: arn,
  }));
}

/** Inline `Policies` plus the `AWS::IAM::Policy` resources that name this principal. */
function inlinePolicies(source: SourceResource, companions: SourceResource[], ctx: MapContext): unknown {
  ctx.at("inlinePolicies", source, "Policies");
  const inline = list(prop(source, "Policies"));
  if (isUnknown(inline)) return inline;
  const out: unknown[] = inline.map((p) => {
    const policy = (p ?? {}) as Record<string, unknown>;
    return { policyName: policy.PolicyName ?? null, policyDocument: policyDocument(policy.PolicyDocument) };
  });
  for (const companion of companions.filter((c) => c.type === "AWS::IAM::Policy")) {
    ctx.at(`inlinePolicies[${out.length}]`, companion);
    out.push({
      policyName: prop(companion, "PolicyName") ?? null,
      policyDocument: policyDocument(prop(companion, "PolicyDocument")),
    });
  }
  return out;
}

/** The principal an `AWS::IAM::Policy` names first in `listKey` (Users, Groups or Roles). */
const policyOwner =
  (listKey: string) =>
  (policy: SourceResource, ctx: MapContext): string | undefined => {
    const targets = policy.raw[listKey];
    return Array.isArray(targets) ? targets.map((t) => ctx.refTarget(t)).find(Boolean) : undefined;
  };

export const iamUserMapper: CfnMapper = {
  canonicalType: "aws.iam.user",
  cfnType: "AWS::IAM::User",
  companions: {
    "AWS::IAM::AccessKey": (key, ctx) => ctx.refTarget(key.raw.UserName),
    "AWS::IAM::Policy": policyOwner("Users"),
  },
  map(user, companions, ctx) {
    ctx.at("passwordEnabled", user, "LoginProfile");
    ctx.at("groups", user, "Groups");
    const accessKeys = companions
      .filter((c) => c.type === "AWS::IAM::AccessKey")
      .map((key, i) => {
        ctx.at(`accessKeys[${i}]`, key);
        return {
          accessKeyId: unknown("assigned at deployment"),
          status: str(prop(key, "Status")) ?? "Active",
          createDate: null,
          lastUsedDate: null,
        };
      });
    return {
      name: nameOf(user, "UserName"),
      properties: {
        userName: prop(user, "UserName") ?? unknown("CloudFormation generates the user name"),
        path: prop(user, "Path") ?? "/",
        passwordEnabled: prop(user, "LoginProfile") !== undefined,
        mfaDevices: [],
        accessKeys,
        attachedPolicies: attachedPolicies(user, ctx),
        inlinePolicies: inlinePolicies(user, companions, ctx),
        groups: prop(user, "Groups") ?? [],
      },
    };
  },
};

export const iamGroupMapper: CfnMapper = {
  canonicalType: "aws.iam.group",
  cfnType: "AWS::IAM::Group",
  companions: { "AWS::IAM::Policy": policyOwner("Groups") },
  map(group, companions, ctx) {
    return {
      name: nameOf(group, "GroupName"),
      properties: {
        groupName: prop(group, "GroupName") ?? unknown("CloudFormation generates the group name"),
        path: prop(group, "Path") ?? "/",
        attachedPolicies: attachedPolicies(group, ctx),
        inlinePolicies: inlinePolicies(group, companions, ctx),
      },
    };
  },
};

export const iamRoleMapper: CfnMapper = {
  canonicalType: "aws.iam.role",
  cfnType: "AWS::IAM::Role",
  companions: { "AWS::IAM::Policy": policyOwner("Roles") },
  map(role, companions, ctx) {
    ctx.at("assumeRolePolicyDocument", role, "AssumeRolePolicyDocument");
    return {
      name: nameOf(role, "RoleName"),
      properties: {
        roleName: prop(role, "RoleName") ?? unknown("CloudFormation generates the role name"),
        path: prop(role, "Path") ?? "/",
        assumeRolePolicyDocument: policyDocument(prop(role, "AssumeRolePolicyDocument")),
        attachedPolicies: attachedPolicies(role, ctx),
        inlinePolicies: inlinePolicies(role, companions, ctx),
        instanceProfileArns: [],
      },
    };
  },
};

export const iamPolicyMapper: CfnMapper = {
  canonicalType: "aws.iam.policy",
  cfnType: "AWS::IAM::ManagedPolicy",
  map(policy, _companions, ctx) {
    ctx.at("document", policy, "PolicyDocument");
    const count = (key: string) => {
      const v = list(prop(policy, key));
      return isUnknown(v) ? 0 : v.length;
    };
    return {
      name: nameOf(policy, "ManagedPolicyName"),
      properties: {
        policyName: prop(policy, "ManagedPolicyName") ?? unknown("CloudFormation generates the policy name"),
        path: prop(policy, "Path") ?? "/",
        awsManaged: false,
        attachmentCount: count("Users") + count("Groups") + count("Roles"),
        defaultVersionId: "v1",
        document: policyDocument(prop(policy, "PolicyDocument")),
      },
    };
  },
};
