import {
  type AttachedPolicy,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetGroupPolicyCommand,
  GetLoginProfileCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  IAMClient,
  paginateListAccessKeys,
  paginateListAttachedGroupPolicies,
  paginateListAttachedRolePolicies,
  paginateListAttachedUserPolicies,
  paginateListGroupPolicies,
  paginateListGroups,
  paginateListGroupsForUser,
  paginateListInstanceProfilesForRole,
  paginateListMFADevices,
  paginateListPolicies,
  paginateListRolePolicies,
  paginateListRoles,
  paginateListServerCertificates,
  paginateListUserPolicies,
  paginateListUsers,
} from "@aws-sdk/client-iam";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, iso, parsePolicy, tagMap } from "../context.js";
import { errorCode, orMarker } from "../errors.js";
import type { Limiter } from "../limit.js";

/** Collects every page's items of an SDK paginator. */
export async function all<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

const policyRef = (p: AttachedPolicy) => ({ policyName: p.PolicyName, policyArn: p.PolicyArn });

async function inline(
  limiter: Limiter,
  names: string[],
  get: (name: string) => Promise<string | undefined>,
): Promise<{ policyName: string; policyDocument: unknown }[]> {
  return limiter.map(names, async (policyName) => ({
    policyName,
    policyDocument: parsePolicy(await get(policyName)),
  }));
}

export const service: AwsService = {
  name: "iam",
  scope: "global",
  async *collect(ctx: AwsContext, home: string): AsyncIterable<ResourceItem> {
    const iam = ctx.client(IAMClient, home);
    const limiter = ctx.limiter("iam", home);
    const arnPrefix = (kind: string) => `arn:${ctx.partition}:iam::${ctx.accountId}:${kind}/`;
    const cfg = { client: iam, pageSize: 100 };

    yield { resource: await passwordPolicy(ctx, iam) };

    // Users
    try {
      const users = await all(paginateListUsers(cfg, {}), (p) => p.Users);
      const resources = await Promise.all(
        users.map(async (user) => {
          const UserName = user.UserName as string;
          const [login, mfa, keys, attached, inlineNames, groups] = await Promise.all([
            limiter.run(() =>
              orMarker("iam:GetLoginProfile", async () => {
                try {
                  await iam.send(new GetLoginProfileCommand({ UserName }));
                  return true;
                } catch (error) {
                  if (errorCode(error) === "NoSuchEntity" || errorCode(error) === "NoSuchEntityException")
                    return false;
                  throw error;
                }
              }),
            ),
            limiter.run(() =>
              orMarker("iam:ListMFADevices", () =>
                all(paginateListMFADevices(cfg, { UserName }), (p) => p.MFADevices),
              ),
            ),
            limiter.run(() =>
              orMarker("iam:ListAccessKeys", () =>
                all(paginateListAccessKeys(cfg, { UserName }), (p) => p.AccessKeyMetadata),
              ),
            ),
            limiter.run(() =>
              orMarker("iam:ListAttachedUserPolicies", () =>
                all(paginateListAttachedUserPolicies(cfg, { UserName }), (p) => p.AttachedPolicies),
              ),
            ),
            limiter.run(() =>
              orMarker("iam:ListUserPolicies", () =>
                all(paginateListUserPolicies(cfg, { UserName }), (p) => p.PolicyNames),
              ),
            ),
            limiter.run(() =>
              orMarker("iam:ListGroupsForUser", () =>
                all(paginateListGroupsForUser(cfg, { UserName }), (p) => p.Groups),
              ),
            ),
          ]);
          const accessKeys = Array.isArray(keys)
            ? await limiter.map(keys, async (key) => {
                const lastUsed = await orMarker("iam:GetAccessKeyLastUsed", async () => {
                  const out = await iam.send(
                    new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }),
                  );
                  return iso(out.AccessKeyLastUsed?.LastUsedDate);
                });
                return {
                  accessKeyId: key.AccessKeyId,
                  status: key.Status,
                  createDate: iso(key.CreateDate),
                  lastUsedDate: lastUsed,
                };
              })
            : keys;
          const inlinePolicies = Array.isArray(inlineNames)
            ? await orMarker("iam:GetUserPolicy", () =>
                inline(
                  limiter,
                  inlineNames,
                  async (PolicyName) =>
                    (await iam.send(new GetUserPolicyCommand({ UserName, PolicyName }))).PolicyDocument,
                ),
              )
            : inlineNames;
          return ctx.resource({
            type: "aws.iam.user",
            id: user.Arn ?? `${arnPrefix("user")}${UserName}`,
            name: UserName,
            source: "iam",
            tags: tagMap(user.Tags),
            properties: {
              userName: UserName,
              userId: user.UserId,
              path: user.Path,
              createDate: iso(user.CreateDate),
              passwordEnabled: login,
              passwordLastUsed: iso(user.PasswordLastUsed),
              mfaDevices: Array.isArray(mfa)
                ? mfa.map((d) => ({ serialNumber: d.SerialNumber, enableDate: iso(d.EnableDate) }))
                : mfa,
              accessKeys,
              attachedPolicies: Array.isArray(attached) ? attached.map(policyRef) : attached,
              inlinePolicies,
              groups: Array.isArray(groups) ? groups.map((g) => g.GroupName) : groups,
            },
          });
        }),
      );
      for (const resource of resources) yield { resource };
    } catch (error) {
      yield* ctx.collectionFailed({
        type: "aws.iam.user",
        idPrefix: arnPrefix("user"),
        source: "iam",
        operation: "iam:ListUsers",
        error,
      });
    }

    // Groups
    try {
      const groups = await all(paginateListGroups(cfg, {}), (p) => p.Groups);
      for (const group of groups) {
        const GroupName = group.GroupName as string;
        const [attached, names] = await Promise.all([
          orMarker("iam:ListAttachedGroupPolicies", () =>
            all(paginateListAttachedGroupPolicies(cfg, { GroupName }), (p) => p.AttachedPolicies),
          ),
          orMarker("iam:ListGroupPolicies", () =>
            all(paginateListGroupPolicies(cfg, { GroupName }), (p) => p.PolicyNames),
          ),
        ]);
        const inlinePolicies = Array.isArray(names)
          ? await orMarker("iam:GetGroupPolicy", () =>
              inline(
                limiter,
                names,
                async (PolicyName) =>
                  (await iam.send(new GetGroupPolicyCommand({ GroupName, PolicyName }))).PolicyDocument,
              ),
            )
          : names;
        yield {
          resource: ctx.resource({
            type: "aws.iam.group",
            id: group.Arn ?? `${arnPrefix("group")}${GroupName}`,
            name: GroupName,
            source: "iam",
            properties: {
              groupName: GroupName,
              path: group.Path,
              attachedPolicies: Array.isArray(attached) ? attached.map(policyRef) : attached,
              inlinePolicies,
            },
          }),
        };
      }
    } catch (error) {
      yield* ctx.collectionFailed({
        type: "aws.iam.group",
        idPrefix: arnPrefix("group"),
        source: "iam",
        operation: "iam:ListGroups",
        error,
      });
    }

    // Roles
    try {
      const roles = await all(paginateListRoles(cfg, {}), (p) => p.Roles);
      const resources = await limiter.map(roles, async (role) => {
        const RoleName = role.RoleName as string;
        const [attached, names, profiles] = await Promise.all([
          orMarker("iam:ListAttachedRolePolicies", () =>
            all(paginateListAttachedRolePolicies(cfg, { RoleName }), (p) => p.AttachedPolicies),
          ),
          orMarker("iam:ListRolePolicies", () =>
            all(paginateListRolePolicies(cfg, { RoleName }), (p) => p.PolicyNames),
          ),
          orMarker("iam:ListInstanceProfilesForRole", () =>
            all(paginateListInstanceProfilesForRole(cfg, { RoleName }), (p) => p.InstanceProfiles),
          ),
        ]);
        const inlinePolicies = Array.isArray(names)
          ? await orMarker("iam:GetRolePolicy", async () => {
              const out: { policyName: string; policyDocument: unknown }[] = [];
              for (const PolicyName of names)
                out.push({
                  policyName: PolicyName,
                  policyDocument: parsePolicy(
                    (await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }))).PolicyDocument,
                  ),
                });
              return out;
            })
          : names;
        return ctx.resource({
          type: "aws.iam.role",
          id: role.Arn ?? `${arnPrefix("role")}${RoleName}`,
          name: RoleName,
          source: "iam",
          tags: tagMap(role.Tags),
          properties: {
            roleName: RoleName,
            path: role.Path,
            createDate: iso(role.CreateDate),
            assumeRolePolicyDocument: parsePolicy(role.AssumeRolePolicyDocument),
            attachedPolicies: Array.isArray(attached) ? attached.map(policyRef) : attached,
            inlinePolicies,
            instanceProfileArns: Array.isArray(profiles) ? profiles.map((p) => p.Arn) : profiles,
          },
        });
      });
      for (const resource of resources) yield { resource };
    } catch (error) {
      yield* ctx.collectionFailed({
        type: "aws.iam.role",
        idPrefix: arnPrefix("role"),
        source: "iam",
        operation: "iam:ListRoles",
        error,
      });
    }

    // Managed policies: every customer-managed one, and the AWS-managed ones in use.
    try {
      const local = await all(paginateListPolicies(cfg, { Scope: "Local" }), (p) => p.Policies);
      const awsAttached = await all(
        paginateListPolicies(cfg, { Scope: "AWS", OnlyAttached: true }),
        (p) => p.Policies,
      );
      const resources = await limiter.map([...local, ...awsAttached], async (policy) => {
        const document = await orMarker("iam:GetPolicyVersion", async () =>
          parsePolicy(
            (
              await iam.send(
                new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId }),
              )
            ).PolicyVersion?.Document,
          ),
        );
        return ctx.resource({
          type: "aws.iam.policy",
          id: policy.Arn as string,
          name: policy.PolicyName ?? (policy.Arn as string),
          source: "iam",
          properties: {
            policyName: policy.PolicyName,
            path: policy.Path,
            awsManaged: (policy.Arn ?? "").includes(":iam::aws:policy/"),
            attachmentCount: policy.AttachmentCount ?? 0,
            defaultVersionId: policy.DefaultVersionId,
            document,
          },
        });
      });
      for (const resource of resources) yield { resource };
    } catch (error) {
      yield* ctx.collectionFailed({
        type: "aws.iam.policy",
        idPrefix: arnPrefix("policy"),
        source: "iam",
        operation: "iam:ListPolicies",
        error,
      });
    }

    // Server certificates
    try {
      const certificates = await all(
        paginateListServerCertificates(cfg, {}),
        (p) => p.ServerCertificateMetadataList,
      );
      for (const cert of certificates)
        yield {
          resource: ctx.resource({
            type: "aws.iam.server-certificate",
            id: cert.Arn as string,
            name: cert.ServerCertificateName ?? (cert.Arn as string),
            source: "iam",
            properties: {
              serverCertificateName: cert.ServerCertificateName,
              serverCertificateId: cert.ServerCertificateId,
              path: cert.Path,
              uploadDate: iso(cert.UploadDate),
              expiration: iso(cert.Expiration),
            },
          }),
        };
    } catch (error) {
      yield* ctx.collectionFailed({
        type: "aws.iam.server-certificate",
        idPrefix: arnPrefix("server-certificate"),
        source: "iam",
        operation: "iam:ListServerCertificates",
        error,
      });
    }
  },
};

async function passwordPolicy(ctx: AwsContext, iam: IAMClient) {
  const id = `arn:${ctx.partition}:iam::${ctx.accountId}:account-password-policy`;
  const base = { type: "aws.iam.password-policy", id, name: "account password policy", source: "iam" };
  try {
    const p = (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy ?? {};
    return ctx.resource({
      ...base,
      properties: {
        exists: true,
        minimumPasswordLength: p.MinimumPasswordLength ?? null,
        requireSymbols: p.RequireSymbols ?? false,
        requireNumbers: p.RequireNumbers ?? false,
        requireUppercaseCharacters: p.RequireUppercaseCharacters ?? false,
        requireLowercaseCharacters: p.RequireLowercaseCharacters ?? false,
        allowUsersToChangePassword: p.AllowUsersToChangePassword ?? false,
        expirePasswords: p.ExpirePasswords ?? false,
        maxPasswordAge: p.MaxPasswordAge ?? null,
        passwordReusePrevention: p.PasswordReusePrevention ?? null,
        hardExpiry: p.HardExpiry ?? false,
      },
    });
  } catch (error) {
    if (errorCode(error) === "NoSuchEntity" || errorCode(error) === "NoSuchEntityException")
      return ctx.resource({
        ...base,
        properties: {
          exists: false,
          minimumPasswordLength: null,
          requireSymbols: null,
          requireNumbers: null,
          requireUppercaseCharacters: null,
          requireLowercaseCharacters: null,
          allowUsersToChangePassword: null,
          expirePasswords: null,
          maxPasswordAge: null,
          passwordReusePrevention: null,
          hardExpiry: null,
        },
      });
    const marker = await orMarker("iam:GetAccountPasswordPolicy", () => Promise.reject(error));
    return ctx.resource({ ...base, properties: { $collection: marker } });
  }
}
