/** gcp.compute.instance from google_compute_instance. */
import { isUnknown, unknown } from "../../../../model/index.js";
import { bool, first, nameOf, type TfMapper } from "./common.js";
import { blocks, compact, labels, projectOf } from "./gcp-common.js";

const SCOPE_PREFIX = "https://www.googleapis.com/auth/";

/** The provider expands gcloud's scope aliases to full URLs before calling the API. */
const SCOPE_ALIASES: Record<string, string> = {
  bigquery: "bigquery",
  "cloud-platform": "cloud-platform",
  "cloud-source-repos": "source.full_control",
  "cloud-source-repos-ro": "source.read_only",
  "compute-ro": "compute.readonly",
  "compute-rw": "compute",
  datastore: "datastore",
  "logging-write": "logging.write",
  monitoring: "monitoring",
  "monitoring-read": "monitoring.read",
  "monitoring-write": "monitoring.write",
  pubsub: "pubsub",
  "service-control": "servicecontrol",
  "service-management": "service.management.readonly",
  "sql-admin": "sqlservice.admin",
  "storage-full": "devstorage.full_control",
  "storage-ro": "devstorage.read_only",
  "storage-rw": "devstorage.read_write",
  taskqueue: "taskqueue",
  trace: "trace.append",
  "userinfo-email": "userinfo.email",
};

function scope(value: unknown): unknown {
  if (typeof value !== "string" || value.startsWith("https://")) return value;
  const full = SCOPE_ALIASES[value];
  return full === undefined ? value : `${SCOPE_PREFIX}${full}`;
}

/**
 * `service_account { email, scopes }` → `serviceAccounts`. Without `email`
 * the instance runs as the project's default Compute Engine account, whose
 * email (it holds the project number) is known only after apply.
 */
function serviceAccounts(value: unknown): unknown {
  const list = blocks(value);
  if (isUnknown(list)) return list;
  const out: unknown[] = [];
  for (const sa of list) {
    if (isUnknown(sa.email)) return sa.email;
    if (typeof sa.email !== "string" || sa.email === "" || sa.email === "default")
      return unknown("the instance uses the default Compute Engine service account, whose email is computed");
    const scopes = sa.scopes;
    out.push({ email: sa.email, scopes: Array.isArray(scopes) ? scopes.map(scope) : scopes });
  }
  return out;
}

/** The `metadata` map (plus `metadata_startup_script`) as the API's `{items: [{key, value}]}`. */
function metadata(values: Record<string, unknown>): unknown {
  const map = values.metadata;
  if (isUnknown(map)) return { items: map };
  const items: { key: string; value: unknown }[] = [];
  if (typeof map === "object" && map !== null && !Array.isArray(map))
    for (const [key, value] of Object.entries(map))
      items.push({ key, value: typeof value === "boolean" ? String(value).toUpperCase() : value });
  const script = values.metadata_startup_script;
  if (script !== undefined && script !== null) items.push({ key: "startup-script", value: script });
  return { items };
}

function networkInterfaces(value: unknown): unknown {
  const list = blocks(value);
  if (isUnknown(list)) return list;
  return list.map((nic) => {
    const access = blocks(nic.access_config);
    return compact({
      network: nic.network,
      subnetwork: nic.subnetwork,
      networkIP: nic.network_ip,
      accessConfigs: isUnknown(access) ? access : access.map((a) => compact({ natIP: a.nat_ip })),
    });
  });
}

/** Present block: the provider's defaults (Secure Boot off, vTPM and integrity monitoring on). */
function shieldedInstanceConfig(value: unknown): unknown {
  if (isUnknown(value)) return value;
  const config = first(value);
  if (!config) return undefined;
  return {
    enableSecureBoot: bool(config.enable_secure_boot, false),
    enableVtpm: bool(config.enable_vtpm, true),
    enableIntegrityMonitoring: bool(config.enable_integrity_monitoring, true),
  };
}

function confidentialInstanceConfig(value: unknown): unknown {
  if (isUnknown(value)) return value;
  const config = first(value);
  if (!config) return undefined;
  return compact({
    enableConfidentialCompute:
      config.enable_confidential_compute === undefined ? undefined : bool(config.enable_confidential_compute),
    confidentialInstanceType: config.confidential_instance_type,
  });
}

export const gcpComputeInstanceMapper: TfMapper = {
  canonicalType: "gcp.compute.instance",
  parentTypes: ["google_compute_instance"],
  companions: {},
  linkKeys: () => [],
  build(instance, _companions, props) {
    const v = instance.values;
    props.add("serviceAccounts", instance, "service_account[0]");
    props.add("metadata.items", instance, "metadata");
    props.add("canIpForward", instance, "can_ip_forward");
    props.add("shieldedInstanceConfig", instance, "shielded_instance_config[0]");
    props.add("confidentialInstanceConfig", instance, "confidential_instance_config[0]");
    props.add("networkInterfaces", instance, "network_interface[0]");
    return {
      type: "gcp.compute.instance",
      name: nameOf(instance, "name"),
      ...projectOf(instance),
      tags: labels(v.labels),
      properties: compact({
        name: v.name,
        zone: v.zone,
        machineType: v.machine_type,
        serviceAccounts: serviceAccounts(v.service_account),
        metadata: metadata(v),
        canIpForward: bool(v.can_ip_forward),
        shieldedInstanceConfig: shieldedInstanceConfig(v.shielded_instance_config),
        confidentialInstanceConfig: confidentialInstanceConfig(v.confidential_instance_config),
        networkInterfaces: networkInterfaces(v.network_interface),
      }),
    };
  },
};
