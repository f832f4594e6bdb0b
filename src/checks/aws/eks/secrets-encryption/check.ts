import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.eks.secrets-encryption",
  title: "EKS encrypts Kubernetes secrets with a KMS key",
  description:
    "Envelope encryption of Kubernetes secrets with a customer KMS key protects them in etcd and lets access to them be audited and revoked through KMS.",
  severity: "medium",
  resourceTypes: ["aws.eks.cluster"],
  remediation: 'Add an encryption config for the "secrets" resource with a KMS key ARN.',
  references: ["https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html"],
  fixes: {
    terraform:
      'resource "aws_eks_cluster" "example" {\n  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n  }\n}',
    cloudformation:
      "Type: AWS::EKS::Cluster\nProperties:\n  EncryptionConfig:\n    - Resources: [secrets]\n      Provider:\n        KeyArn: !GetAtt EksKey.Arn",
  },
  evaluate(resource) {
    const configs = resource.properties.encryptionConfig;
    if (isUnknown(configs))
      return notApplicable("the encryption config is not known", {
        path: "encryptionConfig",
        actual: configs,
      });
    const list = Array.isArray(configs) ? configs : [];
    let undetermined = false;
    for (const [index, entry] of list.entries()) {
      if (isUnknown(entry) || !entry || typeof entry !== "object") {
        undetermined = true;
        continue;
      }
      const { resources, provider } = entry as { resources?: unknown; provider?: { keyArn?: unknown } };
      if (isUnknown(resources) || (Array.isArray(resources) && resources.some((r) => isUnknown(r)))) {
        undetermined = true;
        continue;
      }
      if (!Array.isArray(resources) || !resources.includes("secrets")) continue;
      const keyArn = provider?.keyArn;
      if (isUnknown(keyArn) || (typeof keyArn === "string" && keyArn !== ""))
        return pass("secrets are encrypted with a KMS key", {
          path: `encryptionConfig[${index}].provider.keyArn`,
          actual: keyArn,
        });
    }
    if (undetermined)
      return notApplicable("the encryption config is not fully known", {
        path: "encryptionConfig",
        actual: configs,
      });
    return fail("Kubernetes secrets are not encrypted with a KMS key", {
      path: "encryptionConfig",
      actual: configs ?? null,
      expected: [{ resources: ["secrets"], provider: { keyArn: "<KMS key ARN>" } }],
    });
  },
});
