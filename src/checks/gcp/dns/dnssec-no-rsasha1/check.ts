import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.dns.dnssec-no-rsasha1",
  title: "Cloud DNS zone does not sign with RSASHA1",
  description: "RSASHA1 is a weak algorithm for DNSSEC keys; resolvers are dropping support for it.",
  severity: "medium",
  resourceTypes: ["gcp.dns.managed-zone"],
  remediation: "Use RSASHA256, RSASHA512 or ECDSA for both key-signing and zone-signing keys.",
  references: ["https://cloud.google.com/dns/docs/dnssec-advanced#algorithms"],
  evaluate(resource) {
    const specs = getPath(resource.properties, "dnssecConfig.defaultKeySpecs");
    if (isUnknown(specs))
      return fail("DNSSEC key specs are not known", { path: "dnssecConfig.defaultKeySpecs", actual: specs });
    const list = Array.isArray(specs) ? (specs as { keyType?: unknown; algorithm?: unknown }[]) : [];
    const weak = list.findIndex((s) => String(s?.algorithm).toLowerCase() === "rsasha1");
    if (weak >= 0)
      return fail(`the ${String(list[weak]?.keyType)} key uses RSASHA1`, {
        path: `dnssecConfig.defaultKeySpecs[${weak}].algorithm`,
        actual: list[weak]?.algorithm,
        expected: "rsasha256 or stronger",
      });
    return pass("no DNSSEC key uses RSASHA1", { path: "dnssecConfig.defaultKeySpecs" });
  },
});
