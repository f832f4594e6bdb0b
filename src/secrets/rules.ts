import type { Severity } from "../model/index.js";

/**
 * One kind of secret. `keywords` (lower case) are a cheap prefilter: the regex runs only on
 * files that contain one of them. Regexes are written to run in linear time: no nested
 * quantifiers, every repetition bounded or over a class that cannot overlap what follows.
 * The secret is the named group `secret` (else the whole match).
 */
export interface SecretRule {
  id: string;
  title: string;
  severity: Severity;
  keywords: string[];
  regex: RegExp;
  /** Minimum Shannon entropy of the secret (bits per character). */
  minEntropy?: number;
  /** Extra validation of the secret (e.g. a base64 that must decode to user:password). */
  validate?: (secret: string, match: RegExpExecArray) => boolean;
}

const b = String.raw;

function rule(
  id: string,
  title: string,
  severity: Severity,
  keywords: string[],
  pattern: string,
  extra: Partial<Pick<SecretRule, "minEntropy" | "validate">> & { flags?: string } = {},
): SecretRule {
  const r: SecretRule = {
    id,
    title,
    severity,
    keywords,
    regex: new RegExp(pattern, `g${extra.flags ?? ""}`),
  };
  if (extra.minEntropy !== undefined) r.minEntropy = extra.minEntropy;
  if (extra.validate) r.validate = extra.validate;
  return r;
}

function isJwt(secret: string): boolean {
  const header = secret.split(".")[0] ?? "";
  try {
    const decoded = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: unknown };
    return typeof decoded.alg === "string";
  } catch {
    return false;
  }
}

function isUserPassword(secret: string): boolean {
  const decoded = Buffer.from(secret, "base64").toString("utf8");
  return /^[\x21-\x7e]{1,256}:[\x20-\x7e]{1,1024}$/.test(decoded);
}

// Delimiters around assigned values: KEY = "value", key: 'value', "key":"value".
const ASSIGN = b`["']?\s{0,8}[:=]{1,2}>?\s{0,8}["']?`;

export const SECRET_RULES: SecretRule[] = [
  rule(
    "aws-access-key-id",
    "AWS access key ID",
    "high",
    ["akia", "asia", "abia", "acca"],
    b`\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`,
    { minEntropy: 3 },
  ),
  rule(
    "aws-secret-access-key",
    "AWS secret access key",
    "critical",
    ["secret_access_key", "secretaccesskey", "aws_secret", "secret-access-key"],
    b`(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|secret-access-key)${ASSIGN}(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])`,
    { flags: "i", minEntropy: 4 },
  ),
  rule(
    "gcp-service-account-key",
    "GCP service account private key",
    "critical",
    ["private_key_id"],
    b`"private_key_id"\s{0,8}:\s{0,8}"(?<secret>[a-f0-9]{40})"`,
    { minEntropy: 3 },
  ),
  rule(
    "gcp-api-key",
    "Google API key",
    "high",
    ["aiza"],
    b`\b(?<secret>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])`,
    { minEntropy: 3.5 },
  ),
  rule(
    "azure-storage-account-key",
    "Azure storage account key",
    "critical",
    ["accountkey="],
    b`AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)`,
    { minEntropy: 4 },
  ),
  rule(
    "azure-sas-token",
    "Azure shared access signature",
    "high",
    ["sig="],
    b`[?&]sv=\d{4}-\d{2}-\d{2}&[^\s"']{0,300}?sig=(?<secret>[A-Za-z0-9%+/]{40,100})`,
    { minEntropy: 4 },
  ),
  rule(
    "azure-ad-client-secret",
    "Azure AD client secret",
    "critical",
    ["q~"],
    b`(?<![A-Za-z0-9_~.])(?<secret>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])`,
    { minEntropy: 3.5 },
  ),
  rule(
    "github-pat",
    "GitHub personal access token",
    "critical",
    ["ghp_"],
    b`\b(?<secret>ghp_[A-Za-z0-9]{36})\b`,
    { minEntropy: 3.5 },
  ),
  rule(
    "github-oauth-token",
    "GitHub OAuth access token",
    "critical",
    ["gho_"],
    b`\b(?<secret>gho_[A-Za-z0-9]{36})\b`,
    { minEntropy: 3.5 },
  ),
  rule(
    "github-app-token",
    "GitHub App token",
    "critical",
    ["ghu_", "ghs_"],
    b`\b(?<secret>gh[us]_[A-Za-z0-9]{36})\b`,
    { minEntropy: 3.5 },
  ),
  rule(
    "github-refresh-token",
    "GitHub refresh token",
    "high",
    ["ghr_"],
    b`\b(?<secret>ghr_[A-Za-z0-9]{36,76})\b`,
    { minEntropy: 3.5 },
  ),
  rule(
    "github-fine-grained-pat",
    "GitHub fine-grained personal access token",
    "critical",
    ["github_pat_"],
    b`\b(?<secret>github_pat_[A-Za-z0-9_]{82})\b`,
    { minEntropy: 4 },
  ),
  rule(
    "gitlab-pat",
    "GitLab personal access token",
    "critical",
    ["glpat-"],
    b`\b(?<secret>glpat-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])`,
    { minEntropy: 3 },
  ),
  rule(
    "gitlab-runner-token",
    "GitLab runner authentication token",
    "high",
    ["glrt-"],
    b`\b(?<secret>glrt-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])`,
    { minEntropy: 3 },
  ),
  rule(
    "gitlab-pipeline-trigger-token",
    "GitLab pipeline trigger token",
    "high",
    ["glptt-"],
    b`\b(?<secret>glptt-[a-f0-9]{40})\b`,
    { minEntropy: 3 },
  ),
  rule(
    "slack-bot-token",
    "Slack bot token",
    "high",
    ["xoxb-"],
    b`\b(?<secret>xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})\b`,
    { minEntropy: 3 },
  ),
  rule(
    "slack-user-token",
    "Slack user token",
    "high",
    ["xoxp-", "xoxe-"],
    b`\b(?<secret>xox[pe](?:\.xox[pe])?-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32})\b`,
    { minEntropy: 3 },
  ),
  rule(
    "slack-app-token",
    "Slack app-level token",
    "high",
    ["xapp-"],
    b`\b(?<secret>xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-f0-9]{64})\b`,
    { minEntropy: 3 },
  ),
  rule(
    "slack-webhook",
    "Slack incoming webhook",
    "medium",
    ["hooks.slack.com"],
    b`https://hooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>T[A-Z0-9]{8,12}/[AB][A-Z0-9]{8,12}/[A-Za-z0-9]{23,25})`,
    { minEntropy: 3 },
  ),
  rule(
    "stripe-secret-key",
    "Stripe secret key",
    "critical",
    ["sk_live_"],
    b`\b(?<secret>sk_live_[A-Za-z0-9]{24,99})\b`,
    { minEntropy: 3.5 },
  ),
  rule(
    "stripe-restricted-key",
    "Stripe restricted key",
    "high",
    ["rk_live_"],
    b`\b(?<secret>rk_live_[A-Za-z0-9]{24,99})\b`,
    { minEntropy: 3.5 },
  ),
  rule("twilio-api-key", "Twilio API key", "high", ["twilio"], b`\b(?<secret>SK[0-9a-f]{32})\b`, {
    minEntropy: 3.2,
  }),
  rule(
    "twilio-auth-token",
    "Twilio auth token",
    "high",
    ["twilio"],
    b`twilio[\w.-]{0,20}(?:auth_?token|token)${ASSIGN}(?<secret>[a-f0-9]{32})\b`,
    { flags: "i", minEntropy: 3.2 },
  ),
  rule(
    "sendgrid-api-key",
    "SendGrid API key",
    "high",
    ["sg."],
    b`\b(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`,
    { minEntropy: 4 },
  ),
  rule("npm-access-token", "npm access token", "critical", ["npm_"], b`\b(?<secret>npm_[A-Za-z0-9]{36})\b`, {
    minEntropy: 3.5,
  }),
  rule(
    "npmrc-auth-token",
    "npm registry auth token in .npmrc",
    "critical",
    ["_authtoken"],
    b`_authToken\s{0,4}=\s{0,4}(?<secret>[A-Za-z0-9_.+/=-]{20,200})`,
    { minEntropy: 3.5 },
  ),
  rule(
    "pypi-upload-token",
    "PyPI upload token",
    "critical",
    ["pypi-ageichlwas5vcmc"],
    b`\b(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300})(?![A-Za-z0-9_-])`,
    { minEntropy: 4 },
  ),
  rule(
    "docker-config-auth",
    "Docker registry credentials (config.json auth)",
    "critical",
    ['"auths"'],
    b`"auth"\s{0,8}:\s{0,8}"(?<secret>[A-Za-z0-9+/]{8,2000}={0,2})"`,
    { validate: isUserPassword },
  ),
  rule(
    "private-key-rsa",
    "RSA private key",
    "critical",
    ["begin rsa private key"],
    b`-----BEGIN RSA PRIVATE KEY-----\s{1,4}(?:Proc-Type:[^\n]{0,80}\n[^\n]{0,120}\n\s{0,4})?(?<secret>[A-Za-z0-9+/=]{60,100})`,
  ),
  rule(
    "private-key-ec",
    "EC private key",
    "critical",
    ["begin ec private key"],
    b`-----BEGIN EC PRIVATE KEY-----\s{1,4}(?<secret>[A-Za-z0-9+/=]{60,100})`,
  ),
  rule(
    "private-key-dsa",
    "DSA private key",
    "critical",
    ["begin dsa private key"],
    b`-----BEGIN DSA PRIVATE KEY-----\s{1,4}(?<secret>[A-Za-z0-9+/=]{60,100})`,
  ),
  rule(
    "private-key-openssh",
    "OpenSSH private key",
    "critical",
    ["begin openssh private key"],
    b`-----BEGIN OPENSSH PRIVATE KEY-----\s{1,4}(?<secret>[A-Za-z0-9+/=]{60,100})`,
  ),
  rule(
    "private-key-pkcs8",
    "PKCS #8 private key",
    "critical",
    ["begin private key", "begin encrypted private key"],
    b`-----BEGIN (?:ENCRYPTED )?PRIVATE KEY-----\s{1,4}(?<secret>[A-Za-z0-9+/=]{60,100})`,
  ),
  rule(
    "private-key-pgp",
    "PGP private key block",
    "critical",
    ["begin pgp private key block"],
    b`-----BEGIN PGP PRIVATE KEY BLOCK-----\s{1,4}(?:[\w-]{1,30}:[^\n]{0,100}\n\s{0,4}){0,5}(?<secret>[A-Za-z0-9+/=]{60,100})`,
  ),
  rule(
    "jwt",
    "JSON Web Token",
    "medium",
    ["eyj"],
    b`\b(?<secret>eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{10,2000})(?![A-Za-z0-9_-])`,
    { validate: isJwt },
  ),
  rule(
    "database-url-password",
    "Database URL with a password",
    "high",
    ["://"],
    b`\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb)://[^:@/\s"'<>]{1,64}:(?<secret>[^@/\s"'<>]{4,128})@[A-Za-z0-9.-]{1,255}`,
    { minEntropy: 2.5 },
  ),
  rule(
    "generic-password-assignment",
    "Password or secret assigned in configuration",
    "medium",
    ["password", "passwd", "secret", "api_key", "apikey", "api-key", "token"],
    b`(?<![A-Za-z0-9])(?:password|passwd|pwd|secret|client_?secret|api_?key|apikey|api-key|access_?token|auth_?token)["']?\s{0,8}[:=]{1,2}\s{0,8}["'](?<secret>[^"'\s]{8,128})["']`,
    { flags: "i", minEntropy: 3.5 },
  ),
  rule(
    "heroku-api-key",
    "Heroku API key",
    "high",
    ["heroku"],
    b`heroku[\w.-]{0,30}${ASSIGN}(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b`,
    { flags: "i", minEntropy: 3 },
  ),
  rule("mailgun-api-key", "Mailgun API key", "high", ["mailgun"], b`\b(?<secret>key-[0-9a-f]{32})\b`, {
    minEntropy: 3.2,
  }),
  rule(
    "mailchimp-api-key",
    "Mailchimp API key",
    "high",
    ["-us"],
    b`\b(?<secret>[0-9a-f]{32}-us[0-9]{1,2})\b`,
    { minEntropy: 3.2 },
  ),
  rule(
    "shopify-access-token",
    "Shopify access token",
    "high",
    ["shpat_", "shpca_", "shppa_"],
    b`\b(?<secret>shp(?:at|ca|pa)_[a-fA-F0-9]{32})\b`,
    { minEntropy: 3 },
  ),
  rule(
    "shopify-shared-secret",
    "Shopify shared secret",
    "high",
    ["shpss_"],
    b`\b(?<secret>shpss_[a-fA-F0-9]{32})\b`,
    { minEntropy: 3 },
  ),
  rule(
    "digitalocean-token",
    "DigitalOcean token",
    "critical",
    ["dop_v1_", "doo_v1_", "dor_v1_"],
    b`\b(?<secret>do[opr]_v1_[a-f0-9]{64})\b`,
    { minEntropy: 3 },
  ),
  rule(
    "vault-token",
    "HashiCorp Vault service token",
    "critical",
    ["hvs."],
    b`\b(?<secret>hvs\.[A-Za-z0-9_-]{90,120})(?![A-Za-z0-9_-])`,
    { minEntropy: 4 },
  ),
  rule(
    "terraform-cloud-token",
    "Terraform Cloud API token",
    "critical",
    [".atlasv1."],
    b`\b(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])`,
    { minEntropy: 4 },
  ),
  rule(
    "openai-api-key",
    "OpenAI API key",
    "high",
    ["t3blbkfj"],
    b`\b(?<secret>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74})(?![A-Za-z0-9_-])`,
    { minEntropy: 4 },
  ),
  rule(
    "anthropic-api-key",
    "Anthropic API key",
    "high",
    ["sk-ant-"],
    b`\b(?<secret>sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])`,
    { minEntropy: 4 },
  ),
  rule("huggingface-token", "Hugging Face access token", "high", ["hf_"], b`\b(?<secret>hf_[A-Za-z]{34})\b`, {
    minEntropy: 3.5,
  }),
  rule(
    "databricks-token",
    "Databricks personal access token",
    "high",
    ["dapi"],
    b`\b(?<secret>dapi[a-f0-9]{32}(?:-\d)?)\b`,
    { minEntropy: 3 },
  ),
  rule(
    "atlassian-api-token",
    "Atlassian API token",
    "high",
    ["atatt3"],
    b`\b(?<secret>ATATT3[A-Za-z0-9_=-]{186})(?![A-Za-z0-9_=-])`,
    { minEntropy: 4 },
  ),
  rule(
    "linear-api-key",
    "Linear API key",
    "medium",
    ["lin_api_"],
    b`\b(?<secret>lin_api_[A-Za-z0-9]{40})\b`,
    { minEntropy: 3.5 },
  ),
  rule(
    "newrelic-user-key",
    "New Relic user API key",
    "high",
    ["nrak-"],
    b`\b(?<secret>NRAK-[A-Z0-9]{27})\b`,
    { minEntropy: 3.5 },
  ),
  rule(
    "grafana-service-account-token",
    "Grafana service account token",
    "high",
    ["glsa_"],
    b`\b(?<secret>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b`,
    { minEntropy: 3.5 },
  ),
  rule("doppler-token", "Doppler API token", "high", ["dp.pt."], b`\b(?<secret>dp\.pt\.[A-Za-z0-9]{43})\b`, {
    minEntropy: 3.5,
  }),
  rule("pulumi-token", "Pulumi access token", "high", ["pul-"], b`\b(?<secret>pul-[a-f0-9]{40})\b`, {
    minEntropy: 3,
  }),
  rule(
    "square-access-token",
    "Square access token",
    "high",
    ["eaaa", "sq0atp-"],
    b`\b(?<secret>(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}))(?![A-Za-z0-9_-])`,
    { minEntropy: 3.5 },
  ),
  rule(
    "alibaba-access-key-id",
    "Alibaba Cloud AccessKey ID",
    "high",
    ["ltai"],
    b`\b(?<secret>LTAI[A-Za-z0-9]{20})\b`,
    { minEntropy: 3.5 },
  ),
  rule(
    "telegram-bot-token",
    "Telegram bot token",
    "medium",
    [":aa"],
    b`\b(?<secret>\d{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])`,
    { minEntropy: 3.5 },
  ),
  rule(
    "discord-webhook",
    "Discord webhook",
    "medium",
    ["discord"],
    b`https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/(?<secret>[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])`,
    { minEntropy: 4 },
  ),
  rule(
    "age-secret-key",
    "age encryption secret key",
    "critical",
    ["age-secret-key-1"],
    b`\b(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b`,
  ),
];
