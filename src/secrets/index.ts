export { looksLikePlaceholder, shannonEntropy } from "./entropy.js";
export { SECRET_RULES, type SecretRule } from "./rules.js";
export {
  createSecretScanner,
  redact,
  type SecretFinding,
  type SecretScanner,
  type SecretScanOptions,
  scanSecretsInText,
} from "./scanner.js";
