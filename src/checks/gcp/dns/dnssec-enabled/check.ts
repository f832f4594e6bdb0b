import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.dns.dnssec-enabled",
  title: "Public Cloud DNS zone has DNSSEC on",
  description: "DNSSEC lets resolvers detect forged answers for the zone (cache poisoning, spoofing).",
  severity: "medium",
  resourceTypes: ["gcp.dns.managed-zone"],
  remediation: "Turn DNSSEC on for the zone and publish the DS record at the registrar.",
  references: ["https://cloud.google.com/dns/docs/dnssec-config"],
  evaluate(resource) {
    if (getPath(resource.properties, "visibility") === "private")
      return notApplicable("DNSSEC applies to public zones only", { path: "visibility", actual: "private" });
    const state = getPath(resource.properties, "dnssecConfig.state");
    return state === "on"
      ? pass("DNSSEC is on", { path: "dnssecConfig.state", actual: state })
      : fail(`DNSSEC is ${state ?? "off"}`, {
          path: "dnssecConfig.state",
          actual: state ?? null,
          expected: "on",
        });
  },
});
