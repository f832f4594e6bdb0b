import { defineCheck } from "../../../check.js";
import { expectValue } from "../../shared/read.js";

export default defineCheck({
  id: "aws.rds.storage-encrypted",
  title: "RDS instance or cluster storage is encrypted",
  description:
    "Unencrypted database storage, snapshots and replicas expose data to anyone with access to the underlying volumes (CIS AWS 3.2.1).",
  severity: "high",
  resourceTypes: ["aws.rds.db-instance", "aws.rds.db-cluster"],
  remediation:
    "Encryption cannot be turned on in place: restore an encrypted copy of a snapshot into a new instance (`storage_encrypted = true`).",

  evaluate(resource) {
    return expectValue(resource, "storageEncrypted", (value) => value === true, {
      pass: "storage is encrypted",
      fail: () => "storage is not encrypted",
      expected: true,
    });
  },
});
