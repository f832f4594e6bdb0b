import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isRecord } from "../../shared/read.js";
import { managementValue } from "../read.js";

/**
 * Organizations-integrated services that accept a delegated administrator
 * (AWS's "services that work with Organizations" list). A trusted service not
 * in this list is administered from the management account by design.
 */
export const DELEGABLE_SERVICES = new Set([
  "access-analyzer.amazonaws.com",
  "account.amazonaws.com",
  "auditmanager.amazonaws.com",
  "backup.amazonaws.com",
  "cloudtrail.amazonaws.com",
  "compute-optimizer.amazonaws.com",
  "config.amazonaws.com",
  "config-multiaccountsetup.amazonaws.com",
  "detective.amazonaws.com",
  "devops-guru.amazonaws.com",
  "fms.amazonaws.com",
  "guardduty.amazonaws.com",
  "health.amazonaws.com",
  "iam.amazonaws.com",
  "inspector2.amazonaws.com",
  "ipam.amazonaws.com",
  "license-manager.amazonaws.com",
  "macie.amazonaws.com",
  "member.org.stacksets.cloudformation.amazonaws.com",
  "reachabilityanalyzer.networkinsights.amazonaws.com",
  "securityhub.amazonaws.com",
  "securitylake.amazonaws.com",
  "servicecatalog.amazonaws.com",
  "sso.amazonaws.com",
  "ssm.amazonaws.com",
  "storage-lens.s3.amazonaws.com",
]);

export default defineCheck({
  id: "aws.organizations.delegated-service-admins",
  title: "Organizations-integrated services have a delegated administrator",
  description:
    "A service with trusted access (CloudTrail, GuardDuty, Security Hub, Config, …) that supports delegated administration but has none is run from the management account, concentrating daily work in the most privileged account (CIS AWS 2.1.6). One result per such service.",
  severity: "low",
  resourceTypes: ["aws.account"],
  remediation:
    "Register a dedicated security or logging member account as the service's delegated administrator (`aws organizations register-delegated-administrator --service-principal SERVICE --account-id ID`, or the service's own console).",
  references: [
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_delegated_admin.html",
  ],
  evaluate(resource) {
    const trusted = managementValue(resource, "trustedServices");
    if ("result" in trusted) return trusted.result;
    const admins = managementValue(resource, "delegatedAdministrators");
    if ("result" in admins) return admins.result;
    const services = (Array.isArray(trusted.value) ? trusted.value : [])
      .map(String)
      .filter((s) => DELEGABLE_SERVICES.has(s));
    if (services.length === 0)
      return notApplicable("no trusted service that supports delegated administration", {
        path: "organization.trustedServices",
        actual: trusted.value as unknown[],
      });
    const list = (Array.isArray(admins.value) ? admins.value : []).filter(isRecord);
    return services.map((service): CheckResult => {
      const holders = list
        .filter((a) => Array.isArray(a.services) && a.services.includes(service))
        .map((a) => a.accountId);
      const evidence = { path: "organization.delegatedAdministrators", actual: holders };
      return holders.length > 0
        ? pass(`${service} is administered by ${holders.join(", ")}`, evidence, service)
        : fail(
            `${service} has trusted access but no delegated administrator`,
            { ...evidence, expected: "a member account" },
            service,
          );
    });
  },
});
