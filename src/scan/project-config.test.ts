import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { builtinChecks } from "../checks/index.generated.js";
import { CheckRegistry } from "../checks/registry.js";
import { applyProjectConfig, findProjectConfig, readProjectConfig } from "./project-config.js";

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "mamori-config-"));
  writeFileSync(join(dir, ".mamori.yaml"), text);
  return join(dir, ".mamori.yaml");
}

describe(".mamori.yaml", () => {
  it("skips checks by id or glob and overrides severities", () => {
    const file = configFile(
      "skip-checks: [aws.s3.mfa-delete, 'aws.ec2.*']\nseverity:\n  aws.s3.access-logging: high\nexclude: [vendor/**]\n",
    );
    const config = readProjectConfig(file);
    assert.deepEqual(config.exclude, ["vendor/**"]);
    const registry = applyProjectConfig(new CheckRegistry(builtinChecks), config);
    assert.equal(registry.has("aws.s3.mfa-delete"), false);
    assert.equal(
      registry.all().some((c) => c.id.startsWith("aws.ec2.")),
      false,
    );
    assert.equal(registry.get("aws.s3.access-logging")?.severity, "high");
  });

  it("runs only the listed checks when only-checks is set", () => {
    const config = readProjectConfig(configFile("only-checks: [aws.s3.versioning-enabled]\n"));
    const registry = applyProjectConfig(new CheckRegistry(builtinChecks), config);
    assert.deepEqual(
      registry.all().map((c) => c.id),
      ["aws.s3.versioning-enabled"],
    );
  });

  it("names file and line of a bad setting, and refuses aliases", () => {
    assert.throws(
      () => readProjectConfig(configFile("exclude: [a]\nskip: [b]\n")),
      /\.mamori\.yaml:2: unknown setting skip/,
    );
    assert.throws(
      () => readProjectConfig(configFile("severity:\n  aws.s3.mfa-delete: urgent\n")),
      /\.mamori\.yaml:2: severity of aws\.s3\.mfa-delete/,
    );
    assert.throws(() => readProjectConfig(configFile("exclude: &a [x]\nskip-checks: *a\n")), /aliases/);
    assert.throws(
      () =>
        applyProjectConfig(
          new CheckRegistry(builtinChecks),
          readProjectConfig(configFile("severity: {nope.check: low}\n")),
        ),
      /unknown checks: nope\.check/,
    );
  });

  it("is found in the scanned folder", () => {
    const file = configFile("exclude: [x]\n");
    assert.equal(findProjectConfig([join(file, "..")])?.file, file);
  });
});
