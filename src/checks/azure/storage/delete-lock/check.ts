import { storageLockCheck } from "../../lib/locks.js";

export default storageLockCheck({
  id: "azure.storage.delete-lock",
  title: "Storage account is protected by a delete lock",
  description:
    "A CanNotDelete (or ReadOnly) management lock stops the account, and every blob, file and queue in it, from being deleted by mistake or by a compromised identity with only write rights.",
  levels: ["CanNotDelete", "ReadOnly"],
  label: "delete",
  severity: "medium",
  remediation:
    "Add a CanNotDelete lock to the account (az lock create --name keep --lock-type CanNotDelete --resource-group RG --resource ACCOUNT --resource-type Microsoft.Storage/storageAccounts).",
});
