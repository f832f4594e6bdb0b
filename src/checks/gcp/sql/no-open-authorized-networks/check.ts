import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.sql.no-open-authorized-networks",
  title: "Cloud SQL instance does not authorize 0.0.0.0/0",
  description: "An authorized network of 0.0.0.0/0 lets anyone on the internet reach the database port.",
  severity: "critical",
  resourceTypes: ["gcp.sql.instance"],
  remediation: "Remove 0.0.0.0/0 from the authorized networks; list only the networks that need access.",
  references: ["https://cloud.google.com/sql/docs/mysql/authorize-networks"],
  evaluate(resource) {
    const networks = getPath(resource.properties, "settings.ipConfiguration.authorizedNetworks");
    if (isUnknown(networks))
      return fail("authorized networks are not known", {
        path: "settings.ipConfiguration.authorizedNetworks",
        actual: networks,
      });
    const list = Array.isArray(networks) ? (networks as { value?: unknown }[]) : [];
    const open = list.findIndex((n) => n?.value === "0.0.0.0/0" || n?.value === "::/0");
    if (open >= 0)
      return fail(`authorized network ${String(list[open]?.value)} is open to the internet`, {
        path: `settings.ipConfiguration.authorizedNetworks[${open}].value`,
        actual: list[open]?.value,
        expected: "specific networks",
      });
    return pass("no authorized network is open to the internet", {
      path: "settings.ipConfiguration.authorizedNetworks",
    });
  },
});
