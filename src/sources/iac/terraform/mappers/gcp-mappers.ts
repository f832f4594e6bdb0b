/** The Terraform `google_*` mappers, in one list for `MAPPERS`. */
import type { TfMapper } from "./common.js";
import { gcpComputeFirewallMapper } from "./gcp-compute-firewall.js";
import { gcpComputeInstanceMapper } from "./gcp-compute-instance.js";
import { gcpContainerClusterMapper } from "./gcp-container-cluster.js";
import { gcpDnsManagedZoneMapper } from "./gcp-dns-managed-zone.js";
import { gcpKmsCryptoKeyMapper } from "./gcp-kms-crypto-key.js";
import { gcpProjectMapper } from "./gcp-project.js";
import { gcpSqlInstanceMapper } from "./gcp-sql-instance.js";
import { gcpStorageBucketMapper } from "./gcp-storage-bucket.js";

export const GCP_MAPPERS: readonly TfMapper[] = [
  gcpStorageBucketMapper,
  gcpComputeFirewallMapper,
  gcpComputeInstanceMapper,
  gcpSqlInstanceMapper,
  gcpContainerClusterMapper,
  gcpKmsCryptoKeyMapper,
  gcpDnsManagedZoneMapper,
  gcpProjectMapper,
];
