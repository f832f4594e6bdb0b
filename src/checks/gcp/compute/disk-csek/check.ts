import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.compute.disk-csek",
  title: "Persistent disk is encrypted with a customer-supplied key (CSEK)",
  description:
    "With a customer-supplied key, Google cannot decrypt the disk without the key the organization supplies; CIS asks for it on critical VMs.",
  severity: "low",
  resourceTypes: ["gcp.compute.disk"],
  remediation:
    "Recreate the disk with --csek-key-file (the encryption of an existing disk cannot be changed).",
  references: ["https://cloud.google.com/compute/docs/disks/customer-supplied-encryption"],
  evaluate(resource) {
    const value = getPath(resource.properties, "diskEncryptionKey");
    if (isUnknown(value))
      return notApplicable("diskEncryptionKey is not known", { path: "diskEncryptionKey", actual: value });
    const sha = (value as { sha256?: unknown } | null)?.sha256;
    if (typeof sha === "string" && sha !== "")
      return pass("the disk uses a customer-supplied key", { path: "diskEncryptionKey.sha256", actual: sha });
    return fail("the disk does not use a customer-supplied key", {
      path: "diskEncryptionKey.sha256",
      actual: sha ?? null,
      expected: "a CSEK (sha256 of the key)",
    });
  },
});
