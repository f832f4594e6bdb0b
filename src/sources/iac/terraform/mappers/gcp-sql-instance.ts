/** gcp.sql.instance from google_sql_database_instance (settings → `settings.*` of the Cloud SQL Admin API). */
import { isUnknown } from "../../../../model/index.js";
import { bool, first, nameOf, type TfMapper } from "./common.js";
import { blocks, compact, projectOf } from "./gcp-common.js";

/** Without an ip_configuration block the instance gets a public IPv4 address (provider and API default). */
function ipConfiguration(settings: Record<string, unknown>): unknown {
  if (isUnknown(settings.ip_configuration)) return settings.ip_configuration;
  const ip = first(settings.ip_configuration) ?? {};
  const networks = blocks(ip.authorized_networks);
  return compact({
    ipv4Enabled: bool(ip.ipv4_enabled, true),
    privateNetwork: ip.private_network,
    requireSsl: ip.require_ssl === undefined || ip.require_ssl === null ? undefined : bool(ip.require_ssl),
    sslMode: ip.ssl_mode,
    authorizedNetworks: isUnknown(networks)
      ? networks
      : networks.map((n) => compact({ name: n.name, value: n.value, expirationTime: n.expiration_time })),
  });
}

function backupConfiguration(settings: Record<string, unknown>): unknown {
  if (isUnknown(settings.backup_configuration)) return settings.backup_configuration;
  const backup = first(settings.backup_configuration);
  if (!backup) return undefined;
  return compact({
    enabled: bool(backup.enabled),
    binaryLogEnabled: backup.binary_log_enabled === undefined ? undefined : bool(backup.binary_log_enabled),
    pointInTimeRecoveryEnabled:
      backup.point_in_time_recovery_enabled === undefined
        ? undefined
        : bool(backup.point_in_time_recovery_enabled),
  });
}

function databaseFlags(value: unknown): unknown {
  const flags = blocks(value);
  if (isUnknown(flags)) return flags;
  return flags.map((f) => ({ name: f.name, value: typeof f.value === "number" ? String(f.value) : f.value }));
}

export const gcpSqlInstanceMapper: TfMapper = {
  canonicalType: "gcp.sql.instance",
  parentTypes: ["google_sql_database_instance"],
  companions: {},
  linkKeys: () => [],
  build(instance, _companions, props) {
    const v = instance.values;
    const settingsValue = isUnknown(v.settings) ? v.settings : (first(v.settings) ?? {});
    props.add("databaseVersion", instance, "database_version");
    props.add("settings.ipConfiguration", instance, "settings[0].ip_configuration[0]");
    props.add("settings.backupConfiguration", instance, "settings[0].backup_configuration[0]");
    props.add("settings.databaseFlags", instance, "settings[0].database_flags[0]");
    props.add("settings.deletionProtectionEnabled", instance, "settings[0].deletion_protection_enabled");
    const settings = isUnknown(settingsValue)
      ? settingsValue
      : compact({
          tier: settingsValue.tier,
          ipConfiguration: ipConfiguration(settingsValue),
          backupConfiguration: backupConfiguration(settingsValue),
          databaseFlags: databaseFlags(settingsValue.database_flags),
          // The API's flag; the provider's top-level deletion_protection only guards terraform destroy.
          deletionProtectionEnabled:
            settingsValue.deletion_protection_enabled === undefined
              ? undefined
              : bool(settingsValue.deletion_protection_enabled),
        });
    return {
      type: "gcp.sql.instance",
      name: nameOf(instance, "name"),
      ...projectOf(instance),
      ...(typeof v.region === "string" ? { region: v.region } : {}),
      tags: {},
      properties: compact({ name: v.name, databaseVersion: v.database_version, settings }),
    };
  },
};
