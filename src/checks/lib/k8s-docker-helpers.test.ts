import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commands, type Instruction, invocations, script } from "./docker.js";
import { grants, imageRef, type RuleRef } from "./k8s.js";
import { isLiteralSecretValue, looksLikeSecretName } from "./secret-names.js";

const run = (value: string, heredocs?: Instruction["heredocs"]): Instruction => {
  const out: Instruction = { stage: 0, keyword: "RUN", value, form: "shell", flags: {}, line: 1 };
  if (heredocs) out.heredocs = heredocs;
  return out;
};

describe("docker check helpers", () => {
  it("reads a RUN's script from its command line and here-documents, joining continuations", () => {
    const text = script(
      run("<<EOS", [{ name: "EOS", body: "apt-get install -y \\\n  curl=1 \\\n  wget\necho ok" }]),
    );
    assert.deepEqual(invocations(text, ["apt-get"], "install"), [
      ["apt-get", "install", "-y", "curl=1", "wget"],
    ]);
    assert.deepEqual(commands("a && b || c; d | e\nf"), ["a", "b", "c", "d", "e", "f"]);
    assert.deepEqual(invocations("sudo apt-get -y install x", ["apt-get"], "install"), [
      ["apt-get", "-y", "install", "x"],
    ]);
  });
});

describe("kubernetes check helpers", () => {
  it("splits image references with registries, ports, tags and digests", () => {
    assert.deepEqual(imageRef("nginx"), { name: "nginx" });
    assert.deepEqual(imageRef("registry:5000/team/app"), { name: "registry:5000/team/app" });
    assert.deepEqual(imageRef("registry:5000/team/app:1.2"), { name: "registry:5000/team/app", tag: "1.2" });
    assert.deepEqual(imageRef("app:1.2@sha256:abc"), { name: "app", tag: "1.2", digest: "sha256:abc" });
  });

  it("matches RBAC rules on the core group, wildcards and verbs", () => {
    const rule = (apiGroups: string[], resources: string[], verbs: string[]): RuleRef => ({
      rule: {},
      path: "rules[0]",
      apiGroups,
      resources,
      verbs,
    });
    assert.equal(grants(rule([""], ["secrets"], ["list"]), ["secrets"], ["get", "list"]), true);
    assert.equal(grants(rule(["*"], ["*"], ["*"]), ["secrets"], ["get"]), true);
    assert.equal(grants(rule(["apps"], ["secrets"], ["get"]), ["secrets"], ["get"]), false);
    assert.equal(grants(rule([""], ["configmaps"], ["get"]), ["secrets"], ["get"]), false);
  });
});

describe("secret-like names", () => {
  it("flags credential names with literal values only", () => {
    for (const name of ["DB_PASSWORD", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "apiKey", "PRIVATE_KEY"])
      assert.equal(looksLikeSecretName(name), true, name);
    for (const name of ["PASSWORD_FILE", "TOKEN_PATH", "LOG_LEVEL", "SECRET_NAME"])
      assert.equal(looksLikeSecretName(name), false, name);
    assert.equal(isLiteralSecretValue("hunter2"), true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable reference, not a template
    for (const value of ["", "${DB_PASSWORD}", "$TOKEN", "$(cat /run/secrets/x)", "changeme"])
      assert.equal(isLiteralSecretValue(value), false, value);
  });
});
