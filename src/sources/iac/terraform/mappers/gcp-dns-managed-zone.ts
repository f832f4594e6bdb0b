/** gcp.dns.managed-zone from google_dns_managed_zone. */
import { isUnknown } from "../../../../model/index.js";
import { first, nameOf, type TfMapper } from "./common.js";
import { blocks, compact, labels, projectOf } from "./gcp-common.js";

function dnssecConfig(value: unknown): unknown {
  if (isUnknown(value)) return value;
  const config = first(value);
  if (!config) return undefined;
  const specs = blocks(config.default_key_specs);
  return compact({
    state: config.state,
    nonExistence: config.non_existence,
    defaultKeySpecs: isUnknown(specs)
      ? specs
      : specs.length === 0
        ? undefined
        : specs.map((s) => compact({ keyType: s.key_type, algorithm: s.algorithm, keyLength: s.key_length })),
  });
}

export const gcpDnsManagedZoneMapper: TfMapper = {
  canonicalType: "gcp.dns.managed-zone",
  parentTypes: ["google_dns_managed_zone"],
  companions: {},
  linkKeys: () => [],
  build(zone, _companions, props) {
    const v = zone.values;
    props.add("visibility", zone, "visibility");
    props.add("dnssecConfig", zone, "dnssec_config[0]");
    props.add("dnssecConfig.state", zone, "dnssec_config[0].state");
    return {
      type: "gcp.dns.managed-zone",
      name: nameOf(zone, "name"),
      ...projectOf(zone),
      tags: labels(v.labels),
      properties: compact({
        name: v.name,
        dnsName: v.dns_name,
        // Provider and API default.
        visibility: v.visibility ?? "public",
        dnssecConfig: dnssecConfig(v.dnssec_config),
      }),
    };
  },
};
