/** gcp.kms.crypto-key from google_kms_crypto_key, with its IAM bindings/members joined into `iamPolicy`. */
import { nameOf, type TfMapper } from "./common.js";
import { compact, iamPolicyFrom, labels } from "./gcp-common.js";

export const gcpKmsCryptoKeyMapper: TfMapper = {
  canonicalType: "gcp.kms.crypto-key",
  parentTypes: ["google_kms_crypto_key"],
  companions: {
    google_kms_crypto_key_iam_binding: "crypto_key_id",
    google_kms_crypto_key_iam_member: "crypto_key_id",
  },
  linkKeys: (key) => [key.values.id],
  build(key, companions, props) {
    const v = key.values;
    // The key has no project attribute; a literal key ring id names it.
    const project = typeof v.key_ring === "string" ? /^projects\/([^/]+)\//.exec(v.key_ring)?.[1] : undefined;
    props.add("purpose", key, "purpose");
    props.add("rotationPeriod", key, "rotation_period");
    return {
      type: "gcp.kms.crypto-key",
      name: nameOf(key, "name"),
      ...(project === undefined ? {} : { account: project }),
      tags: labels(v.labels),
      properties: compact({
        name: v.name,
        keyRing: v.key_ring,
        // Provider and API default purpose.
        purpose: v.purpose ?? "ENCRYPT_DECRYPT",
        rotationPeriod: v.rotation_period,
        iamPolicy: iamPolicyFrom(
          companions,
          "google_kms_crypto_key_iam_binding",
          "google_kms_crypto_key_iam_member",
          props,
        ),
      }),
    };
  },
};
