import { defineCheck } from "../../../check.js";
import { requireSeparateMembers } from "../../lib/separation-of-duties.js";

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
  evaluate: (resource) => requireSeparateMembers(resource, ADMIN, USERS),
});
