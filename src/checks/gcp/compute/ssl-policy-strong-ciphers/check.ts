import { getPath, isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

/** Cipher suites CIS names as weak: RSA key exchange (no forward secrecy) and 3DES. */
const WEAK_FEATURES = [
  "TLS_RSA_WITH_AES_128_GCM_SHA256",
  "TLS_RSA_WITH_AES_256_GCM_SHA384",
  "TLS_RSA_WITH_AES_128_CBC_SHA",
  "TLS_RSA_WITH_AES_256_CBC_SHA",
  "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
];

interface PolicyConfig {
  name?: unknown;
  profile?: unknown;
  minTlsVersion?: unknown;
  customFeatures?: unknown;
}

export default defineCheck({
  id: "gcp.compute.ssl-policy-strong-ciphers",
  title: "HTTPS and SSL proxy load balancers use an SSL policy without weak cipher suites",
  description:
    "A proxy without an SSL policy uses Google's default (COMPATIBLE profile, TLS 1.0 and up), which offers cipher suites without forward secrecy and 3DES to any client that asks.",
  severity: "medium",
  resourceTypes: ["gcp.compute.target-https-proxy", "gcp.compute.target-ssl-proxy"],
  remediation:
    "Attach an SSL policy with the RESTRICTED profile, or MODERN with minimum TLS 1.2, or a CUSTOM profile without RSA key exchange and 3DES suites (gcloud compute ssl-policies create ... ; target-https-proxies update --ssl-policy).",
  references: ["https://cloud.google.com/load-balancing/docs/ssl-policies-concepts"],
  evaluate(resource) {
    const path = "sslPolicyConfig";
    const config = getPath(resource.properties, path);
    if (isUnknown(config)) return notApplicable("the SSL policy is not known", { path, actual: config });
    if (!config || typeof config !== "object")
      return fail("no SSL policy: the default COMPATIBLE profile with TLS 1.0 applies", {
        path: "sslPolicy",
        actual: null,
        expected: "an SSL policy with strong cipher suites",
      });
    const policy = config as PolicyConfig;
    const label = `SSL policy ${String(policy.name ?? "")}`.trim();
    const tls = String(policy.minTlsVersion ?? "TLS_1_0");
    switch (policy.profile) {
      case "RESTRICTED":
        return pass(`${label} uses the RESTRICTED profile`, { path, actual: config });
      case "MODERN":
        return tls === "TLS_1_2" || tls === "TLS_1_3"
          ? pass(`${label} uses the MODERN profile with ${tls}`, { path, actual: config })
          : fail(`${label} uses the MODERN profile with minimum ${tls}`, {
              path: `${path}.minTlsVersion`,
              actual: tls,
              expected: "TLS_1_2",
            });
      case "CUSTOM": {
        const features = Array.isArray(policy.customFeatures) ? policy.customFeatures : [];
        const weak = features.filter((f) => typeof f === "string" && WEAK_FEATURES.includes(f));
        return weak.length === 0
          ? pass(`${label} is CUSTOM without weak cipher suites`, { path, actual: config })
          : fail(`${label} enables ${weak.join(", ")}`, {
              path: `${path}.customFeatures`,
              actual: features,
              expected: "no RSA key exchange or 3DES suites",
            });
      }
      default:
        return fail(`${label} uses the ${String(policy.profile ?? "COMPATIBLE")} profile`, {
          path: `${path}.profile`,
          actual: policy.profile ?? null,
          expected: "RESTRICTED, MODERN with TLS 1.2, or CUSTOM without weak suites",
        });
    }
  },
});
