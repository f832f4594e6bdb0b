import { CLOUDTRAIL } from "./fields/cloudtrail.js";
import { get, type SourceFields } from "./fields/common.js";
import { withCounters } from "./fields/counters.js";
import { K8S_AUDIT } from "./fields/k8saudit.js";
import { AZURE_ACTIVITY, falcoFields, GCP_AUDIT, GITHUB, oktaFields } from "./fields/saas.js";

export const SOURCE_NAMES = [
  "aws_cloudtrail",
  "k8s_audit",
  "gcp_auditlog",
  "okta",
  "github",
  "azure_activity",
  "syscall",
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** A fresh set of field tables (Okta's MFA counters are per engine). */
export function sourceTables(): Map<string, SourceFields> {
  return new Map<string, SourceFields>([
    [
      "aws_cloudtrail",
      withCounters(CLOUDTRAIL, (e) => e.raw.errorCode !== undefined && e.raw.errorCode !== null),
    ],
    ["k8s_audit", withCounters(K8S_AUDIT, (e) => Number(get(e.raw, "responseStatus", "code")) >= 400)],
    [
      "gcp_auditlog",
      withCounters(GCP_AUDIT, (e) => Number(get(e.raw, "protoPayload", "status", "code") ?? 0) !== 0),
    ],
    ["okta", oktaFields()],
    ["github", GITHUB],
    [
      "azure_activity",
      withCounters(AZURE_ACTIVITY, (e) =>
        /^fail/i.test(String(e.raw.resultType ?? get(e.raw, "status", "value") ?? "")),
      ),
    ],
    ["syscall", falcoFields("syscall")],
  ]);
}
