import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isRecord } from "../../shared/read.js";
import { managementValue } from "../read.js";

export default defineCheck({
  id: "aws.organizations.guardrail-policies",
  title: "Every member account is under a guardrail SCP or RCP",
  description:
    "Service and resource control policies cap what any principal or resource policy of an account can allow; an account that only inherits the AWS-managed FullAWSAccess policies has no preventive guardrail (CIS AWS 2.1.2). One result per active member account.",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Enable the SERVICE_CONTROL_POLICY (and RESOURCE_CONTROL_POLICY) policy type on the root, write baseline guardrail policies and attach them to the root or to every OU that holds member accounts.",
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html"],
  evaluate(resource) {
    const roots = managementValue(resource, "roots");
    if ("result" in roots) return roots.result;
    const accounts = managementValue(resource, "accounts");
    if ("result" in accounts) return accounts.result;
    const policies = managementValue(resource, "authorizationPolicies");
    if ("result" in policies) return policies.result;
    const org = resource.properties.organization as Record<string, unknown>;
    // A policy counts only when its type is enabled on the root; otherwise AWS does not apply it.
    const enabled = new Set(
      (Array.isArray(roots.value) ? roots.value : []).flatMap((r) =>
        isRecord(r) && Array.isArray(r.policyTypes)
          ? r.policyTypes
              .filter((t) => isRecord(t) && t.status === "ENABLED")
              .map((t) => String((t as Record<string, unknown>).type))
          : [],
      ),
    );
    const guardrails = (Array.isArray(policies.value) ? policies.value : []).filter(
      (p): p is Record<string, unknown> =>
        isRecord(p) && p.awsManaged !== true && enabled.has(String(p.type)),
    );
    const members = (Array.isArray(accounts.value) ? accounts.value : []).filter(
      (a): a is Record<string, unknown> =>
        isRecord(a) && a.status === "ACTIVE" && a.id !== org.managementAccountId,
    );
    if (members.length === 0)
      return notApplicable("the organization has no active member account", {
        path: "organization.accounts",
        actual: accounts.value as unknown[],
      });
    return members.map((account): CheckResult => {
      const scope = new Set([
        ...(Array.isArray(account.parents) ? account.parents.map(String) : []),
        String(account.id),
      ]);
      const applied = guardrails.filter(
        (p) => Array.isArray(p.targets) && p.targets.some((t) => scope.has(String(t))),
      );
      const evidence = {
        path: "organization.authorizationPolicies",
        actual: applied.map((p) => p.name ?? p.id),
      };
      return applied.length > 0
        ? pass(
            `account ${account.id} is under ${applied.length} guardrail policy(ies)`,
            evidence,
            String(account.id),
          )
        : fail(
            `account ${account.id} has no guardrail SCP or RCP (attached to it, its OUs or the root, with the policy type enabled)`,
            { ...evidence, expected: "a customer-managed SCP or RCP in effect" },
            String(account.id),
          );
    });
  },
});
