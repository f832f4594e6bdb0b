import { isUnknown } from "../../../../model/index.js";
import { type CheckResult, defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { bindings } from "../../../lib/gcp.js";

const ADMIN = "roles/cloudkms.admin";
const USERS = [
  "roles/cloudkms.cryptoKeyEncrypterDecrypter",
  "roles/cloudkms.cryptoKeyEncrypter",
  "roles/cloudkms.cryptoKeyDecrypter",
];

export default defineCheck({
  id: "gcp.iam.kms-separation-of-duties",
  title: "No member is both Cloud KMS Admin and a key user",
  description:
    "A member who administers keys and can also encrypt or decrypt with them can read any data those keys protect and hide it.",
  severity: "medium",
  resourceTypes: ["gcp.project"],
  remediation: "Give roles/cloudkms.admin and the CryptoKey Encrypter/Decrypter roles to different members.",
  references: ["https://cloud.google.com/kms/docs/separation-of-duties"],
  evaluate(resource) {
    const policy = resource.properties.iamPolicy;
    if (isUnknown(policy))
      return notApplicable("the IAM policy is not known", { path: "iamPolicy", actual: policy });
    const admins = new Set<string>();
    const users = new Set<string>();
    for (const binding of bindings(policy)) {
      const members = (Array.isArray(binding.members) ? binding.members : []).filter(
        (m): m is string => typeof m === "string",
      );
      if (binding.role === ADMIN) for (const m of members) admins.add(m);
      if (USERS.includes(binding.role)) for (const m of members) users.add(m);
    }
    const both = [...admins].filter((m) => users.has(m));
    if (both.length === 0) return pass("no member holds both roles", { path: "iamPolicy.bindings" });
    return both.map(
      (member): CheckResult =>
        fail(
          `${member} holds ${ADMIN} and a role it administers`,
          {
            path: "iamPolicy.bindings",
            actual: member,
            expected: "separate members for administration and use",
          },
          `member:${member}`,
        ),
    );
  },
});
