import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createSecretScanner, redact, SECRET_RULES, scanSecretsInText, shannonEntropy } from "./index.js";

// Fake secrets are generated at run time from a seeded generator: they have the providers'
// shapes (so the rules fire) but are random, and no token-shaped literal sits in this file.
let seed = 20_260_101;
function rand(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_NUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const HEX = "0123456789abcdef";
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;
const gen = (chars: string, n: number) =>
  Array.from({ length: n }, () => chars[Math.floor(rand() * chars.length)]).join("");
const p = (...parts: string[]) => parts.join(""); // keeps prefixes split in the source
const digits = (n: number) => gen("0123456789", n);

const jwtPart = (obj: object) => Buffer.from(JSON.stringify(obj)).toString("base64url");

/** rule id → [text that must yield a finding of that rule, text that must not]. */
const CASES: Record<string, [string, string]> = {
  "aws-access-key-id": [
    `key = ${p("AK", "IA")}${gen("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`,
    `key = ${p("AK", "IA")}IOSFODNN7EXAMPLE`,
  ],
  "aws-secret-access-key": [
    `aws_secret_access_key = ${gen(B64, 40)}`,
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  ],
  "gcp-service-account-key": [
    `{"type": "service_account", "private_key_id": "${gen(HEX, 40)}"}`,
    `{"private_key_id": "${"0".repeat(40)}"}`,
  ],
  "gcp-api-key": [
    `GOOGLE_KEY=${p("AI", "za")}${gen(URLSAFE, 35)}`,
    `GOOGLE_KEY=${p("AI", "za")}${"x".repeat(35)}`,
  ],
  "azure-storage-account-key": [
    `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${gen(B64, 86)}==;EndpointSuffix=core.windows.net`,
    `AccountKey=${"A".repeat(86)}==`,
  ],
  "azure-sas-token": [
    `https://acme.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&sig=${gen(ALNUM, 43)}%3D`,
    "https://x/c?sv=2022-11-02&sig=short",
  ],
  "azure-ad-client-secret": [
    `client_secret=${gen(ALNUM, 3)}8Q~${gen(ALNUM, 34)}`,
    "client_secret=abc8Q~short",
  ],
  "github-pat": [`token: ${p("gh", "p_")}${gen(ALNUM, 36)}`, `token: ${p("gh", "p_")}${"x".repeat(36)}`],
  "github-oauth-token": [`${p("gh", "o_")}${gen(ALNUM, 36)}`, `${p("gh", "o_")}${gen(ALNUM, 12)}`],
  "github-app-token": [`${p("gh", "s_")}${gen(ALNUM, 36)}`, `${p("gh", "s_")}${"a".repeat(36)}`],
  "github-refresh-token": [`${p("gh", "r_")}${gen(ALNUM, 76)}`, `${p("gh", "r_")}${"b".repeat(40)}`],
  "github-fine-grained-pat": [
    `${p("github", "_pat_")}${gen(`${ALNUM}_`, 82)}`,
    `${p("github", "_pat_")}${gen(ALNUM, 20)}`,
  ],
  "gitlab-pat": [`${p("gl", "pat-")}${gen(URLSAFE, 20)}`, `${p("gl", "pat-")}xxxxxxxxxxxxxxxxxxxx`],
  "gitlab-runner-token": [`${p("gl", "rt-")}${gen(URLSAFE, 20)}`, `${p("gl", "rt-")}short`],
  "gitlab-pipeline-trigger-token": [`${p("gl", "ptt-")}${gen(HEX, 40)}`, `${p("gl", "ptt-")}${gen(HEX, 10)}`],
  "slack-bot-token": [
    `${p("xo", "xb-")}${digits(12)}-${digits(12)}-${gen(ALNUM, 24)}`,
    `${p("xo", "xb-")}123-456-abc`,
  ],
  "slack-user-token": [
    `${p("xo", "xp-")}${digits(12)}-${digits(12)}-${digits(12)}-${gen(HEX, 32)}`,
    `${p("xo", "xp-")}1-2-3-abc`,
  ],
  "slack-app-token": [
    `${p("xa", "pp-")}1-A${gen(UPPER_NUM, 10)}-${digits(13)}-${gen(HEX, 64)}`,
    `${p("xa", "pp-")}1-A-1-abc`,
  ],
  "slack-webhook": [
    `https://${p("hooks.sl", "ack.com")}/services/T${gen(UPPER_NUM, 10)}/B${gen(UPPER_NUM, 10)}/${gen(ALNUM, 24)}`,
    `https://${p("hooks.sl", "ack.com")}/services/T000/B000/XXXX`,
  ],
  "stripe-secret-key": [`${p("sk", "_live_")}${gen(ALNUM, 24)}`, `${p("sk", "_test_")}${gen(ALNUM, 24)}`],
  "stripe-restricted-key": [`${p("rk", "_live_")}${gen(ALNUM, 24)}`, `${p("rk", "_live_")}short`],
  "twilio-api-key": [
    `TWILIO_API_KEY=${p("S", "K")}${gen(HEX, 32)}`,
    `NOT_A_PROVIDER=${p("S", "K")}${gen(HEX, 32)}`,
  ],
  "twilio-auth-token": [`twilio_auth_token = "${gen(HEX, 32)}"`, `twilio_auth_token = "${"0".repeat(32)}"`],
  "sendgrid-api-key": [
    `${p("S", "G.")}${gen(URLSAFE, 22)}.${gen(URLSAFE, 43)}`,
    `${p("S", "G.")}short.value`,
  ],
  "npm-access-token": [`${p("np", "m_")}${gen(ALNUM, 36)}`, `${p("np", "m_")}${"0".repeat(36)}`],
  "npmrc-auth-token": [
    `//registry.npmjs.org/:_authToken=${gen(ALNUM, 36)}`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an .npmrc reference to an environment variable, literally
    "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
  ],
  "pypi-upload-token": [
    `password = ${p("pypi-AgEIcHlw", "aS5vcmc")}${gen(URLSAFE, 60)}`,
    `password = ${p("pypi-AgEIcHlw", "aS5vcmc")}short`,
  ],
  "docker-config-auth": [
    `{"auths": {"registry.example.com": {"auth": "${Buffer.from(`ci:${gen(ALNUM, 20)}`).toString("base64")}"}}}`,
    `{"auths": {"registry.example.com": {"auth": "${Buffer.from(gen(ALNUM, 20)).toString("base64")}"}}}`,
  ],
  "private-key-rsa": [
    `-----BEGIN ${p("RSA PRI", "VATE KEY")}-----\n${gen(B64, 64)}\n`,
    `-----BEGIN ${p("RSA PRI", "VATE KEY")}-----\n...\n`,
  ],
  "private-key-ec": [
    `-----BEGIN ${p("EC PRI", "VATE KEY")}-----\n${gen(B64, 64)}\n`,
    `-----BEGIN ${p("EC PUB", "LIC KEY")}-----\n${gen(B64, 64)}\n`,
  ],
  "private-key-dsa": [
    `-----BEGIN ${p("DSA PRI", "VATE KEY")}-----\n${gen(B64, 64)}\n`,
    `-----BEGIN ${p("DSA PRI", "VATE KEY")}-----\n`,
  ],
  "private-key-openssh": [
    `-----BEGIN ${p("OPENSSH PRI", "VATE KEY")}-----\n${gen(B64, 70)}\n`,
    `ssh-ed25519 ${gen(B64, 68)} me@host`,
  ],
  "private-key-pkcs8": [
    `-----BEGIN ${p("PRI", "VATE KEY")}-----\n${gen(B64, 64)}\n`,
    `-----BEGIN ${p("CERTIFI", "CATE")}-----\n${gen(B64, 64)}\n`,
  ],
  "private-key-pgp": [
    `-----BEGIN ${p("PGP PRI", "VATE KEY BLOCK")}-----\nVersion: GnuPG\n\n${gen(B64, 64)}\n`,
    `-----BEGIN ${p("PGP PUB", "LIC KEY BLOCK")}-----\n\n${gen(B64, 64)}\n`,
  ],
  jwt: [
    `Authorization: Bearer ${jwtPart({ alg: "HS256", typ: "JWT" })}.${jwtPart({ sub: gen(ALNUM, 12), iat: 1_700_000_000 })}.${gen(URLSAFE, 43)}`,
    `token=${Buffer.from('{"no":"alg here"}').toString("base64url")}.${jwtPart({ sub: "x" })}.${gen(URLSAFE, 43)}`,
  ],
  "database-url-password": [
    `DATABASE_URL=postgres://app:${gen(ALNUM, 16)}@db.internal:5432/app`,
    "DATABASE_URL=postgres://app:changeme@localhost/app",
  ],
  "generic-password-assignment": [`db_password: "${gen(ALNUM, 20)}"`, 'db_password: "password123"'],
  "heroku-api-key": [
    `HEROKU_API_KEY=${gen(HEX, 8)}-${gen(HEX, 4)}-${gen(HEX, 4)}-${gen(HEX, 4)}-${gen(HEX, 12)}`,
    `ID=${gen(HEX, 8)}-${gen(HEX, 4)}-${gen(HEX, 4)}-${gen(HEX, 4)}-${gen(HEX, 12)}`,
  ],
  "mailgun-api-key": [
    `mailgun_key = ${p("ke", "y-")}${gen(HEX, 32)}`,
    `other = ${p("ke", "y-")}${gen(HEX, 32)}`,
  ],
  "mailchimp-api-key": [`MAILCHIMP=${gen(HEX, 32)}-us14`, `MAILCHIMP=${"0".repeat(32)}-us14`],
  "shopify-access-token": [`${p("shp", "at_")}${gen(HEX, 32)}`, `${p("shp", "at_")}${gen(HEX, 8)}`],
  "shopify-shared-secret": [`${p("shp", "ss_")}${gen(HEX, 32)}`, `${p("shp", "ss_")}${"a".repeat(32)}`],
  "digitalocean-token": [`${p("do", "p_v1_")}${gen(HEX, 64)}`, `${p("do", "p_v1_")}${gen(HEX, 10)}`],
  "vault-token": [
    `VAULT_TOKEN=${p("hv", "s.")}${gen(URLSAFE, 95)}`,
    `VAULT_TOKEN=${p("hv", "s.")}${gen(URLSAFE, 24)}`,
  ],
  "terraform-cloud-token": [
    `token = "${gen(ALNUM, 14)}.${p("atlas", "v1")}.${gen(URLSAFE, 67)}"`,
    `token = "x.${p("atlas", "v1")}.short"`,
  ],
  "openai-api-key": [
    `${p("sk", "-proj-")}${gen(URLSAFE, 40)}${p("T3Blbk", "FJ")}${gen(URLSAFE, 40)}`,
    `${p("sk", "-")}${gen(ALNUM, 48)}`,
  ],
  "anthropic-api-key": [
    `${p("sk-a", "nt-api03-")}${gen(URLSAFE, 93)}AA`,
    `${p("sk-a", "nt-api03-")}${gen(URLSAFE, 20)}`,
  ],
  "huggingface-token": [
    `${p("h", "f_")}${gen("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 34)}`,
    `${p("h", "f_")}${"a".repeat(34)}`,
  ],
  "databricks-token": [`${p("da", "pi")}${gen(HEX, 32)}`, `${p("da", "pi")}${gen(HEX, 8)}`],
  "atlassian-api-token": [`${p("ATA", "TT3")}${gen(URLSAFE, 186)}`, `${p("ATA", "TT3")}${gen(URLSAFE, 30)}`],
  "linear-api-key": [`${p("lin", "_api_")}${gen(ALNUM, 40)}`, `${p("lin", "_api_")}${"x".repeat(40)}`],
  "newrelic-user-key": [`${p("NR", "AK-")}${gen(UPPER_NUM, 27)}`, `${p("NR", "AK-")}${gen(UPPER_NUM, 10)}`],
  "grafana-service-account-token": [
    `${p("gl", "sa_")}${gen(ALNUM, 32)}_${gen(HEX, 8)}`,
    `${p("gl", "sa_")}${gen(ALNUM, 10)}`,
  ],
  "doppler-token": [`${p("dp.", "pt.")}${gen(ALNUM, 43)}`, `${p("dp.", "pt.")}${gen(ALNUM, 10)}`],
  "pulumi-token": [`${p("pu", "l-")}${gen(HEX, 40)}`, `${p("pu", "l-")}${gen(HEX, 12)}`],
  "square-access-token": [`${p("EA", "AA")}${gen(URLSAFE, 60)}`, `${p("EA", "AA")}${gen(URLSAFE, 12)}`],
  "alibaba-access-key-id": [`${p("LT", "AI")}${gen(ALNUM, 20)}`, `${p("LT", "AI")}${"x".repeat(20)}`],
  "telegram-bot-token": [
    `${digits(10)}:${p("A", "A")}${gen(URLSAFE, 33)}`,
    `${digits(10)}:${p("A", "A")}${gen(URLSAFE, 10)}`,
  ],
  "discord-webhook": [
    `https://${p("disc", "ord.com")}/api/webhooks/${digits(18)}/${gen(URLSAFE, 68)}`,
    `https://${p("disc", "ord.com")}/api/webhooks/${digits(18)}/short`,
  ],
  "age-secret-key": [
    `${p("AGE-SECRET", "-KEY-1")}${gen("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)}`,
    `${p("AGE-SECRET", "-KEY-1")}${gen("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 20)}`,
  ],
};

describe("secret rules", () => {
  it("has at least 40 rules, each with unique id and a case below", () => {
    assert.ok(SECRET_RULES.length >= 40, `${SECRET_RULES.length} rules`);
    const ids = SECRET_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(Object.keys(CASES).sort(), [...ids].sort());
  });

  for (const rule of SECRET_RULES) {
    it(`${rule.id}: finds the positive case and not the negative one`, () => {
      const [positive, negative] = CASES[rule.id] as [string, string];
      const only = { rules: [rule] };
      const found = scanSecretsInText(`line one\n${positive}\n`, "config.txt", only);
      assert.equal(found.length, 1, `positive case of ${rule.id}`);
      assert.equal(found[0]?.line, 2);
      assert.ok(found[0]?.redacted.endsWith("****"));
      assert.deepEqual(
        scanSecretsInText(`line one\n${negative}\n`, "config.txt", only),
        [],
        `negative case of ${rule.id}`,
      );
    });
  }
});

describe("secret scanner", () => {
  it("never prints the whole secret, even in the context line", () => {
    const token = `${p("gh", "p_")}${gen(ALNUM, 36)}`;
    const db = `postgres://app:${gen(ALNUM, 16)}@db:5432/app`;
    const [first, second] = scanSecretsInText(`export GH=${token} DB=${db}\n`, "env.sh");
    assert.ok(first && second);
    const out = JSON.stringify([first, second]);
    assert.ok(!out.includes(token.slice(4)) && !out.includes(db.split(":")[2]?.split("@")[0] as string));
    assert.equal(redact(token), `${token.slice(0, 4)}****`);
    assert.equal(redact("short"), "****");
  });

  it("applies the entropy guard, value and path allowlists, and skips binaries", () => {
    assert.ok(shannonEntropy("aaaaaaaa") === 0 && shannonEntropy(gen(ALNUM, 40)) > 4.5);
    const token = `${p("gh", "p_")}${gen(ALNUM, 36)}`;
    assert.deepEqual(scanSecretsInText(token, "a.txt", { allowValues: [token] }), []);
    assert.deepEqual(scanSecretsInText(token, "a.txt", { disableRules: ["github-pat"] }), []);
    const scanner = createSecretScanner({ allowPaths: ["**/testdata/**"] });
    assert.equal(scanner.wants("/src/testdata/keys.txt", 10), 0);
    assert.equal(scanner.wants("/usr/share/doc/x/README", 10), 0);
    assert.equal(scanner.wants("/app/logo.png", 10), 0);
    assert.equal(scanner.wants("/app/.env", 3 * 1024 * 1024), 0, "over the size cap");
    assert.ok(scanner.wants("/app/.env", 10) > 0);
    assert.deepEqual(
      scanner.scan("/app/blob", Buffer.concat([Buffer.from(token), Buffer.from([0, 1, 2])])),
      [],
    );
  });

  it("gets through input shaped to make a backtracking regex blow up", () => {
    // Bounded repetitions keep each start position's work constant; a catastrophic pattern would not finish.
    const hostile = `password="${"a".repeat(200_000)}\n${"eyJ".repeat(50_000)}\n${"-----BEGIN RSA PRIVATE KEY-----".repeat(5000)}`;
    assert.deepEqual(scanSecretsInText(hostile, "big.txt"), []);
  });
});
