import { storageLockCheck } from "../../lib/locks.js";

export default storageLockCheck({
  id: "azure.storage.read-only-lock",
  title: "Storage account is protected by a ReadOnly lock",
  description:
    "A ReadOnly management lock blocks every change to the account's configuration (and the key listing that depends on write access); CIS asks that it be considered for accounts that must not change.",
  levels: ["ReadOnly"],
  label: "ReadOnly",
  remediation:
    "Where the account's configuration must not change, add a ReadOnly lock (az lock create --lock-type ReadOnly ...); check first that applications do not need listKeys or other write operations.",
});
