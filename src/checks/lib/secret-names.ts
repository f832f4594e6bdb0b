/**
 * Names of variables that usually hold credentials (`DB_PASSWORD`,
 * `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`). Shared by the Kubernetes env and
 * the Dockerfile ENV/ARG checks so both flag the same names.
 */
const SECRET_NAME =
  /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH_KEY)/i;
/** Names that contain a secret-like word but name something that is not one. */
const NOT_SECRET = /(_FILE|_PATH|_DIR|_URL_?PATH|_NAME|_ID|_LENGTH|_TTL|_EXPIRY|_TIMEOUT|_ENDPOINT)$/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

/** A literal value that is worth reporting: not empty, not a `${VAR}` reference, not a placeholder. */
export function isLiteralSecretValue(value: string): boolean {
  const v = value.trim();
  if (v === "" || /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(v) || /^\$\(.+\)$/.test(v)) return false;
  return !/^(changeme|change-me|<.*>|xxx+|\*+|none|null|false|true)$/i.test(v);
}
