/** Template parameter files and values: CloudFormation and ARM formats, then through the loaders. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { isUnknown } from "../../model/index.js";
import { format as arm } from "./arm/index.js";
import { format as cloudformation } from "./cloudformation/index.js";
import {
  ParameterFileError,
  parametersFileBeside,
  parseParameterAssignments,
  readParameterFile,
} from "./parameters.js";

const tmp = mkdtempSync(join(tmpdir(), "mamori-params-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

describe("parameter files", () => {
  it("reads the CloudFormation create-stack list, keeping UsePreviousValue unknown", () => {
    const values = readParameterFile(
      write("cfn.json", [
        { ParameterKey: "Env", ParameterValue: "prod" },
        { ParameterKey: "Old", UsePreviousValue: true },
      ]),
    );
    assert.equal(values.Env, "prod");
    assert.ok(isUnknown(values.Old));
  });

  it("reads the {Parameters: {…}} template configuration file", () => {
    assert.deepEqual(readParameterFile(write("config.json", { Parameters: { Env: "dev" } })), { Env: "dev" });
  });

  it("reads an ARM deploymentParameters file; a Key Vault reference is unknown", () => {
    const values = readParameterFile(
      write("azuredeploy.parameters.json", {
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        contentVersion: "1.0.0.0",
        parameters: {
          httpsOnly: { value: false },
          password: { reference: { keyVault: { id: "/subscriptions/s/kv" }, secretName: "pw" } },
        },
      }),
    );
    assert.equal(values.httpsOnly, false);
    assert.ok(isUnknown(values.password));
  });

  it("refuses other shapes and bad JSON with a one-line message naming the file", () => {
    assert.throws(() => readParameterFile(write("bad.json", "{ nope")), /bad\.json: not valid JSON/);
    assert.throws(() => readParameterFile(write("odd.json", { x: 1 })), ParameterFileError);
    assert.throws(() => readParameterFile(write("list.json", [{ Value: 1 }])), /entry 0 has no ParameterKey/);
    assert.throws(() => readParameterFile(join(tmp, "missing.json")), /missing\.json: cannot read/);
  });

  it("parses KEY=VALUE, keeping = inside the value", () => {
    assert.deepEqual(parseParameterAssignments(["A=1", "B=x=y"]), { A: "1", B: "x=y" });
    assert.throws(() => parseParameterAssignments(["novalue"]), /expected KEY=VALUE/);
  });
});

describe("parameter values in the loaders", () => {
  it("CloudFormation: a given value overrides the default", async () => {
    const file = write(
      "bucket.cfn.yaml",
      `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Versioning:
    Type: String
    Default: Enabled
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: !Ref Versioning
`,
    );
    const plain = await cloudformation.load([file], {});
    const status = (resources: typeof plain.resources) =>
      (resources[0]?.properties.versioning as { status?: unknown } | undefined)?.status;
    assert.equal(status(plain.resources), "Enabled");
    const given = await cloudformation.load([file], { parameters: { Versioning: "Suspended" } });
    assert.equal(status(given.resources), "Suspended");
  });

  it("ARM: the parameters file beside the template applies, and the command line overrides it", async () => {
    const template = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: {
        httpsOnly: { type: "bool", defaultValue: true },
        tls: { type: "string" },
        other: { type: "string" },
      },
      resources: [
        {
          type: "Microsoft.Storage/storageAccounts",
          apiVersion: "2023-01-01",
          name: "acct",
          location: "westeurope",
          kind: "StorageV2",
          sku: { name: "Standard_LRS" },
          properties: {
            supportsHttpsTrafficOnly: "[parameters('httpsOnly')]",
            minimumTlsVersion: "[parameters('tls')]",
            allowBlobPublicAccess: "[equals(parameters('other'), 'x')]",
          },
        },
      ],
    };
    const file = write("azuredeploy.json", template);
    write("azuredeploy.parameters.json", {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
      parameters: { httpsOnly: { value: false }, TLS: { value: "TLS1_0" } },
    });
    const fromFile = await arm.load([file], {});
    assert.deepEqual([...fromFile.errors], []);
    const account = fromFile.resources[0];
    assert.equal(account?.properties.supportsHttpsTrafficOnly, false);
    assert.equal(account?.properties.minimumTlsVersion, "TLS1_0");
    assert.ok(isUnknown(account?.properties.allowBlobPublicAccess), "no default, no value: unknown");

    const overridden = await arm.load([file], { parameters: { httpsOnly: "true" } });
    assert.equal(overridden.resources[0]?.properties.supportsHttpsTrafficOnly, true);
  });

  it("ARM: finds X.parameters.json only for X.json", () => {
    write("main.json", "{}");
    assert.equal(parametersFileBeside(join(tmp, "main.json")), undefined);
    write("main.parameters.json", "{}");
    assert.equal(parametersFileBeside(join(tmp, "main.json")), join(tmp, "main.parameters.json"));
    assert.equal(parametersFileBeside(join(tmp, "main.parameters.json")), undefined);
  });
});
