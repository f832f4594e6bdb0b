import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.sql.no-public-ip",
  title: "Cloud SQL instance has no public IP address",
  description:
    "A public IP puts the database on the internet, protected only by authorized networks and passwords.",
  severity: "high",
  resourceTypes: ["gcp.sql.instance"],
  remediation:
    "Disable the public IP (ipv4Enabled false) and connect over private IP or the Cloud SQL Auth Proxy.",
  references: ["https://cloud.google.com/sql/docs/postgres/configure-private-ip"],
  evaluate(resource) {
    const path = "settings.ipConfiguration.ipv4Enabled";
    const value = getPath(resource.properties, path);
    return value === false
      ? pass("no public IP address", { path, actual: value })
      : fail("the instance has a public IP address", { path, actual: value ?? null, expected: false });
  },
});
