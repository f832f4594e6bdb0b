import { getPath } from "../../../../model/index.js";
import { defineCheck, fail, pass } from "../../../check.js";

export default defineCheck({
  id: "gcp.sql.require-ssl",
  title: "Cloud SQL instance requires encrypted connections",
  description:
    "Without enforced TLS, clients may connect in clear text and credentials and data can be read on the path.",
  severity: "high",
  resourceTypes: ["gcp.sql.instance"],
  remediation:
    "Set sslMode to ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED (requireSsl true on older APIs).",
  references: ["https://cloud.google.com/sql/docs/postgres/configure-ssl-instance"],
  evaluate(resource) {
    const ip = getPath(resource.properties, "settings.ipConfiguration");
    const mode = getPath(ip, "sslMode");
    const required = getPath(ip, "requireSsl");
    if (mode === "ENCRYPTED_ONLY" || mode === "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" || required === true)
      return pass("encrypted connections are required", {
        path: "settings.ipConfiguration.sslMode",
        actual: mode ?? required,
      });
    return fail("unencrypted connections are allowed", {
      path: mode !== undefined ? "settings.ipConfiguration.sslMode" : "settings.ipConfiguration.requireSsl",
      actual: mode ?? required ?? null,
      expected: "ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED",
    });
  },
});
