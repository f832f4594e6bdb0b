import { getPath, isUnknown } from "../../../../model/index.js";
import { scanSecretsInText } from "../../../../secrets/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";
import { isLiteralSecretValue, looksLikeSecretName } from "../../../lib/secret-names.js";

/** Where a function keeps plain environment variables: 1st gen, then 2nd gen (runtime and build). */
const ENV_PATHS = [
  "environmentVariables",
  "buildEnvironmentVariables",
  "serviceConfig.environmentVariables",
  "buildConfig.environmentVariables",
];

/** Values that name a secret instead of holding one (a Secret Manager resource name). */
const isReference = (value: string): boolean => /^projects\/[^/]+\/secrets\/[^/]+/.test(value.trim());

/** A variable holds a secret when its name says so and its value is a literal, or its value matches a token rule. */
function holdsSecret(name: string, value: unknown): boolean {
  if (typeof value !== "string" || isReference(value)) return false;
  if (looksLikeSecretName(name) && isLiteralSecretValue(value)) return true;
  return scanSecretsInText(`${name}=${value}`, "environment").length > 0;
}

export default defineCheck({
  id: "gcp.functions.secrets-in-env",
  title: "Cloud Function takes no literal secret in its environment",
  description:
    "Environment variables of a Cloud Function are readable by anyone allowed cloudfunctions.functions.get and are kept in every revision; credentials belong in Secret Manager.",
  severity: "high",
  resourceTypes: ["gcp.cloudfunctions.function"],
  remediation:
    "Store the value in Secret Manager and expose it with secretEnvironmentVariables (gcloud functions deploy --set-secrets=NAME=SECRET:latest), then remove the plain variable.",
  references: ["https://cloud.google.com/functions/docs/configuring/secrets"],
  evaluate(resource) {
    const secrets: string[] = [];
    let seen = 0;
    for (const path of ENV_PATHS) {
      const variables = getPath(resource.properties, path);
      if (isUnknown(variables)) return notApplicable(`${path} is not known`, { path, actual: variables });
      if (!variables || typeof variables !== "object" || Array.isArray(variables)) continue;
      for (const [name, value] of Object.entries(variables)) {
        seen++;
        if (holdsSecret(name, value)) secrets.push(`${path}.${name}`);
      }
    }
    if (secrets.length === 0)
      return pass(
        seen === 0 ? "the function has no environment variables" : "no environment variable holds a secret",
        { path: "environmentVariables" },
      );
    return secrets.map((path) =>
      fail(
        `environment variable ${path.split(".").at(-1)} holds a literal secret`,
        { path, actual: "(redacted)", expected: "a Secret Manager reference (secretEnvironmentVariables)" },
        path,
      ),
    );
  },
});
