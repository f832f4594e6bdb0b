import { IAMClient, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import {
  DescribeOrganizationCommand,
  DescribeResourcePolicyCommand,
  OrganizationsClient,
  type PolicyTypeSummary,
  paginateListAccountsForParent,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
} from "@aws-sdk/client-organizations";
import { type AwsContext, parsePolicy } from "../context.js";
import { errorCode, isErrorMarker, orMarker } from "../errors.js";
import { all } from "./iam.js";

/** The authorization policy types CIS 2.1.2 counts as guardrails. */
const GUARDRAIL_TYPES = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] as const;

/**
 * The account's AWS Organization as the `organization` property of
 * `aws.account` (CIS 2.1.x): null when the account is in none. Only the
 * management account can read the organization-wide settings (policies,
 * targets, delegation, trusted services, root access features), so they are
 * read there and left out in member accounts, where checks say the control is
 * decided in the management account.
 */
export async function readOrganization(ctx: AwsContext, home: string) {
  const client = ctx.client(OrganizationsClient, home);
  const described = await orMarker("organizations:DescribeOrganization", async () => {
    try {
      return (await client.send(new DescribeOrganizationCommand({}))).Organization ?? null;
    } catch (error) {
      if (errorCode(error) === "AWSOrganizationsNotInUseException") return null;
      throw error;
    }
  });
  if (described === null || isErrorMarker(described)) return described;
  const base = {
    id: described.Id ?? null,
    arn: described.Arn ?? null,
    managementAccountId: described.MasterAccountId ?? null,
    featureSet: described.FeatureSet ?? null,
    isManagementAccount: described.MasterAccountId === ctx.accountId,
  };
  if (!base.isManagementAccount) return base;
  const cfg = { client };
  const [rootAccess, structure, authorizationPolicies, delegationPolicy, trustedServices, delegated] =
    await Promise.all([
      orMarker("iam:ListOrganizationsFeatures", async () => {
        const out = await ctx.client(IAMClient, home).send(new ListOrganizationsFeaturesCommand({}));
        return { enabledFeatures: out.EnabledFeatures ?? [] };
      }),
      orMarker("organizations:ListRoots", () => readStructure(client)),
      orMarker("organizations:ListPolicies", async () => {
        const out = [];
        for (const type of GUARDRAIL_TYPES)
          for (const policy of await all(paginateListPolicies(cfg, { Filter: type }), (p) => p.Policies)) {
            const targets = await all(
              paginateListTargetsForPolicy(cfg, { PolicyId: policy.Id }),
              (p) => p.Targets,
            );
            out.push({
              id: policy.Id,
              name: policy.Name,
              type,
              awsManaged: policy.AwsManaged === true,
              targets: targets.map((t) => t.TargetId),
            });
          }
        return out;
      }),
      orMarker("organizations:DescribeResourcePolicy", async () => {
        try {
          const out = await client.send(new DescribeResourcePolicyCommand({}));
          return parsePolicy(out.ResourcePolicy?.Content);
        } catch (error) {
          if (errorCode(error) === "ResourcePolicyNotFoundException") return null;
          throw error;
        }
      }),
      orMarker("organizations:ListAWSServiceAccessForOrganization", async () =>
        (
          await all(paginateListAWSServiceAccessForOrganization(cfg, {}), (p) => p.EnabledServicePrincipals)
        ).map((s) => s.ServicePrincipal),
      ),
      orMarker("organizations:ListDelegatedAdministrators", async () => {
        const admins = await all(
          paginateListDelegatedAdministrators(cfg, {}),
          (p) => p.DelegatedAdministrators,
        );
        return ctx.limiter("organizations", home).map(admins, async (admin) => ({
          accountId: admin.Id,
          name: admin.Name ?? null,
          services: (
            await all(
              paginateListDelegatedServicesForAccount(cfg, { AccountId: admin.Id }),
              (p) => p.DelegatedServices,
            )
          ).map((s) => s.ServicePrincipal),
        }));
      }),
    ]);
  return {
    ...base,
    rootAccess,
    roots: isList(structure) ? structure.roots : structure,
    accounts: isList(structure) ? structure.accounts : structure,
    authorizationPolicies,
    delegationPolicy,
    trustedServices,
    delegatedAdministrators: delegated,
  };
}

const isList = (value: unknown): value is Awaited<ReturnType<typeof readStructure>> =>
  typeof value === "object" && value !== null && "roots" in value;

const policyTypes = (types: PolicyTypeSummary[] | undefined) =>
  (types ?? []).map((t) => ({ type: t.Type, status: t.Status }));

/** Roots and every account with its path of parents (root first), walking the OU tree. */
async function readStructure(client: OrganizationsClient) {
  const cfg = { client };
  const roots = await all(paginateListRoots(cfg, {}), (p) => p.Roots);
  const accounts: { id?: string; name?: string; status?: string; parents: string[] }[] = [];
  const walk = async (parentId: string, path: string[]): Promise<void> => {
    const here = [...path, parentId];
    for (const a of await all(paginateListAccountsForParent(cfg, { ParentId: parentId }), (p) => p.Accounts))
      accounts.push({ id: a.Id, name: a.Name, status: a.Status ?? "ACTIVE", parents: here });
    const units = await all(
      paginateListOrganizationalUnitsForParent(cfg, { ParentId: parentId }),
      (p) => p.OrganizationalUnits,
    );
    for (const unit of units) if (unit.Id) await walk(unit.Id, here);
  };
  for (const root of roots) if (root.Id) await walk(root.Id, []);
  return {
    roots: roots.map((r) => ({ id: r.Id, policyTypes: policyTypes(r.PolicyTypes) })),
    accounts,
  };
}
