/**
 * The organization seen from an `aws.account` (CIS 2.1.x). The organization-wide
 * settings are readable only in the management account, so a standalone
 * account and a member account give `not_applicable` with the reason, and the
 * management account's scan decides the control.
 */
import { getPath, isUnknown, type Resource } from "../../../model/index.js";
import { type CheckResult, notApplicable } from "../../check.js";
import { isRecord } from "../shared/read.js";

/** The management account's value at `organization.<path>`, or the result to return instead. */
export function managementValue(
  resource: Resource,
  path: string,
): { value: unknown } | { result: CheckResult } {
  const org = resource.properties.organization;
  if (org === undefined || isUnknown(org))
    return {
      result: notApplicable("the account's organization is not known", {
        path: "organization",
        actual: org ?? null,
      }),
    };
  if (org === null)
    return {
      result: notApplicable("the account is not in an AWS Organization", {
        path: "organization",
        actual: null,
      }),
    };
  if (!isRecord(org) || org.isManagementAccount !== true)
    return {
      result: notApplicable(
        `decided in the organization's management account (${isRecord(org) ? String(org.managementAccountId) : "unknown"})`,
        {
          path: "organization.isManagementAccount",
          actual: isRecord(org) ? (org.isManagementAccount ?? null) : null,
        },
      ),
    };
  const value = getPath(org, path);
  if (isUnknown(value))
    return {
      result: notApplicable(`organization.${path} is not known`, {
        path: `organization.${path}`,
        actual: value,
      }),
    };
  return { value };
}
