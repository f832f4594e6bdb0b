import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isUnknown, type Resource } from "../../../model/index.js";
import { parseJsonLocated } from "../cloudformation/located.js";
import { ExpressionError, type ExpressionScope, evaluateString, parseExpression } from "./expressions.js";
import { format, looksLikeArm } from "./index.js";
import { evaluateArmTemplate } from "./template.js";

const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), "mamori-arm-"));
const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return file;
};
const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

const scope: ExpressionScope = {
  parameter: (name) =>
    ({ env: "prod", n: 3, list: ["a", "b"], obj: { k: "v" }, secret: { $unknown: true } })[name] ??
    (() => {
      throw new ExpressionError(`no parameter ${name}`);
    })(),
  variable: (name) => ({ prefix: "st" })[name],
  copyIndex: () => 4,
};
const ev = (text: string) => evaluateString(text, scope);

describe("ARM expressions", () => {
  it("evaluates string, logic, array and object functions", () => {
    assert.equal(ev("[concat(variables('prefix'), '-', parameters('env'))]"), "st-prod");
    assert.equal(ev("[format('{0}-{1}', 'a', 7)]"), "a-7");
    assert.equal(ev("[toUpper(replace('a-b', '-', '_'))]"), "A_B");
    assert.deepEqual(ev("[split('a,b;c', createArray(',', ';'))]"), ["a", "b", "c"]);
    assert.equal(ev("[substring('abcdef', 1, 3)]"), "bcd");
    assert.equal(ev("[if(equals(parameters('env'), 'prod'), 'big', 'small')]"), "big");
    assert.equal(ev("[and(true(), not(false()), or(false(), contains('Hello', 'ell')))]"), true);
    assert.equal(ev("[length(parameters('list'))]"), 2);
    assert.equal(ev("[empty('')]"), true);
    assert.deepEqual(ev("[union(parameters('list'), createArray('b', 'c'))]"), ["a", "b", "c"]);
    assert.deepEqual(ev("[union(parameters('obj'), createObject('x', 1))]"), { k: "v", x: 1 });
    assert.deepEqual(ev("[json('{\"a\": [1]}').a]"), [1]);
    assert.equal(ev("[parameters('obj').k]"), "v");
    assert.equal(ev("[parameters('list')[1]]"), "b");
    assert.equal(ev("[string(int('41'))]"), "41");
    assert.equal(ev("[bool('true')]"), true);
    assert.equal(ev("[first(parameters('list'))]"), "a");
    assert.equal(ev("[last('xyz')]"), "z");
    assert.equal(ev("[coalesce(null(), 'd')]"), "d");
    assert.equal(ev("[copyIndex(1)]"), 5);
    assert.equal(ev("[concat('it''s')]"), "it's");
    assert.equal(ev("[[not an expression]"), "[not an expression]");
    assert.equal(
      ev("[resourceId('Microsoft.Network/networkSecurityGroups/securityRules', 'nsg', 'ssh')]"),
      "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/networkSecurityGroups/nsg/securityRules/ssh",
    );
    assert.equal(
      ev("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'r1')]"),
      "/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/r1",
    );
  });

  it("keeps what only a deployment knows unknown", () => {
    for (const text of [
      "[resourceGroup().location]",
      "[subscription().subscriptionId]",
      "[uniqueString(resourceGroup().id)]",
      "[concat('st', uniqueString('x'))]",
      "[reference('x').primaryEndpoints]",
      "[toLower(parameters('secret'))]",
      "[if(equals(parameters('secret'), 'a'), 1, 2)]",
    ])
      assert.ok(isUnknown(ev(text)), text);
    assert.equal(ev("[if(equals(parameters('secret'), 'a'), 1, 1)]"), 1);
    assert.equal(ev("[or(equals(parameters('secret'), 'a'), true())]"), true);
  });

  it("reports malformed expressions", () => {
    assert.throws(() => parseExpression("concat('a'"), /expected '\)'/);
    assert.throws(() => parseExpression("concat('a)"), /unterminated string/);
    assert.throws(() => ev("[frobnicate()]"), /unsupported template function frobnicate/);
    assert.throws(() => parseExpression(`${"f(".repeat(100)}${")".repeat(100)}`), /too deep/);
  });
});

describe("ARM templates", () => {
  it("expands copy loops, nested children, conditions and property copies", () => {
    const doc = parseJsonLocated(
      JSON.stringify({
        $schema: SCHEMA,
        parameters: { n: { type: "int", defaultValue: 2 } },
        variables: { base: "[concat('vm', '-')]" },
        resources: [
          {
            type: "Microsoft.Network/networkSecurityGroups",
            name: "[concat(variables('base'), copyIndex())]",
            copy: { name: "loop", count: "[parameters('n')]" },
            properties: {
              copy: [
                {
                  name: "securityRules",
                  count: 2,
                  input: { name: "[concat('r', copyIndex('securityRules'))]" },
                },
              ],
            },
            resources: [{ type: "securityRules", name: "child", properties: {} }],
          },
          { condition: "[equals(1, 2)]", type: "Microsoft.Storage/storageAccounts", name: "skipped" },
        ],
      }),
    );
    const { resources, errors } = evaluateArmTemplate(doc);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      resources.map((r) => `${r.type} ${String(r.name)}`),
      [
        "Microsoft.Network/networkSecurityGroups vm-0",
        "Microsoft.Network/networkSecurityGroups/securityRules vm-0/child",
        "Microsoft.Network/networkSecurityGroups vm-1",
        "Microsoft.Network/networkSecurityGroups/securityRules vm-1/child",
      ],
    );
    assert.deepEqual(
      (resources[0]?.body.properties as { securityRules: unknown } | undefined)?.securityRules,
      [{ name: "r0" }, { name: "r1" }],
    );
  });

  it("maps resources with children, positions and comment suppressions", async () => {
    const file = join(here, "fixtures", "mixed.json");
    const result = await format.load([file], {});
    assert.deepEqual(result.errors, []);
    const byType = (type: string) => result.resources.find((r) => r.type === type) as Resource;
    const storage = byType("azure.storage.account");
    assert.equal(storage.name, "demostore");
    assert.equal(storage.region, "westeurope");
    assert.equal(storage.properties.supportsHttpsTrafficOnly, false);
    assert.equal(storage.properties.allowBlobPublicAccess, true, "ARM's default before API 2023-01-01");
    assert.ok(storage.provenance.kind === "iac");
    assert.deepEqual(storage.provenance.properties?.supportsHttpsTrafficOnly, { startLine: 23, endLine: 23 });
    const nsg = byType("azure.network.nsg");
    const rules = nsg.properties.securityRules as { name: string; sourceAddressPrefixes: unknown[] }[];
    assert.deepEqual(
      rules.map((r) => r.name),
      ["ssh", "rdp", "web0", "web1"],
    );
    assert.ok(isUnknown(rules[1]?.sourceAddressPrefixes[0]));
    assert.equal(
      result.resources.filter((r) => r.type === "azure.keyvault.vault").length,
      0,
      "false condition",
    );
    assert.deepEqual(result.suppressions, [
      {
        resourceId: `${file}#Microsoft.Storage/storageAccounts/demostore`,
        checkId: "azure.storage.shared-key-disabled",
        reason: "legacy tooling needs keys",
        file,
        line: 15,
      },
    ]);
  });

  it("reports bad templates with positions and goes on", async () => {
    const syntax = write("syntax.json", `{\n  "$schema": "${SCHEMA}",\n  "resources": [ { "type": } ]\n}`);
    const badExpr = write("expr.json", {
      $schema: SCHEMA,
      resources: [
        { type: "Microsoft.Storage/storageAccounts", name: "[concat('a']", properties: {} },
        { type: "Microsoft.Storage/storageAccounts", name: "ok", apiVersion: "2023-01-01", properties: {} },
      ],
    });
    const result = await format.load([syntax, badExpr], {});
    assert.equal(result.errors[0]?.source, syntax);
    assert.equal(result.errors[0]?.line, 3);
    assert.ok((result.errors[0]?.column ?? 0) > 0);
    assert.equal(result.errors[1]?.source, badExpr);
    assert.match(result.errors[1]?.message ?? "", /expected '\)'/);
    assert.equal(result.errors[1]?.line, 4);
    assert.deepEqual(
      result.resources.map((r) => r.name),
      ["ok"],
    );
    assert.equal(result.resources[0]?.properties.allowBlobPublicAccess, false);
  });

  it("detects ARM by its schema", () => {
    assert.ok(looksLikeArm(`{"$schema": "${SCHEMA}"}`));
    assert.ok(format.claims("a.json", `{"$schema": "${SCHEMA}"}`));
    assert.ok(!format.claims("a.json", '{"AWSTemplateFormatVersion": "2010-09-09"}'));
    assert.ok(!format.claims("a.yaml", `{"$schema": "${SCHEMA}"}`));
  });
});

describe("ARM nested deployments", () => {
  it("expands inline templates in outer and inner scope", async () => {
    const file = write("nested.json", {
      $schema: SCHEMA,
      parameters: { prefix: { type: "string", defaultValue: "outer" } },
      resources: [
        {
          type: "Microsoft.Resources/deployments",
          apiVersion: "2022-09-01",
          name: "outerScope",
          properties: {
            mode: "Incremental",
            template: {
              $schema: SCHEMA,
              resources: [
                {
                  type: "Microsoft.Storage/storageAccounts",
                  apiVersion: "2023-01-01",
                  name: "[concat(parameters('prefix'), 'st')]",
                  properties: { supportsHttpsTrafficOnly: false },
                },
              ],
            },
          },
        },
        {
          type: "Microsoft.Resources/deployments",
          apiVersion: "2022-09-01",
          name: "innerScope",
          properties: {
            mode: "Incremental",
            expressionEvaluationOptions: { scope: "inner" },
            parameters: { vaultName: { value: "[concat(parameters('prefix'), '-kv')]" } },
            template: {
              $schema: SCHEMA,
              parameters: { vaultName: { type: "string" } },
              resources: [
                {
                  type: "Microsoft.KeyVault/vaults",
                  apiVersion: "2023-02-01",
                  name: "[parameters('vaultName')]",
                  properties: {},
                },
              ],
            },
          },
        },
        {
          type: "Microsoft.Resources/deployments",
          apiVersion: "2022-09-01",
          name: "linked",
          properties: { mode: "Incremental", templateLink: { uri: "https://example.org/t.json" } },
        },
      ],
    });
    const result = await format.load([file], {});
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.resources.map((r) => r.name),
      ["outerst", "outer-kv"],
    );
    assert.ok(result.resources[0]?.provenance.kind === "iac");
    assert.equal(result.resources[0]?.provenance.range.startLine, 19);
    assert.equal(result.notes.length, 1);
    assert.match(result.notes[0]?.message ?? "", /links a template by URI/);
  });
});

describe("ARM storage blob services", () => {
  it("joins a blobServices child and leaves the property out without one", async () => {
    const result = await format.load([join(here, "fixtures", "blob-services.json")], {});
    assert.deepEqual(result.errors, []);
    const [withBlob, without] = result.resources;
    assert.deepEqual(withBlob?.properties.blobServiceProperties, {
      deleteRetentionPolicy: { enabled: true, days: 7 },
      containerDeleteRetentionPolicy: { enabled: false },
      isVersioningEnabled: true,
    });
    assert.ok(without && !("blobServiceProperties" in without.properties));
  });
});

describe("ARM locks joined to storage accounts", () => {
  const account = (name: string, resources?: unknown[]) => ({
    type: "Microsoft.Storage/storageAccounts",
    apiVersion: "2023-01-01",
    name,
    location: "westeurope",
    properties: {},
    ...(resources ? { resources } : {}),
  });

  it("applies a nested lock to its account and an unscoped lock to every account of the group", async () => {
    const file = write("locks.json", {
      $schema: SCHEMA,
      resources: [
        account("one", [
          {
            type: "providers/locks",
            apiVersion: "2020-05-01",
            name: "Microsoft.Authorization/frozen",
            properties: { level: "ReadOnly" },
          },
        ]),
        account("two"),
        {
          type: "Microsoft.Authorization/locks",
          apiVersion: "2020-05-01",
          name: "rg",
          properties: { level: "CanNotDelete" },
        },
      ],
    });
    const { resources, errors } = await format.load([file], {});
    assert.deepEqual([...errors], []);
    const locks = (name: string) => resources.find((r) => r.name === name)?.properties.locks;
    assert.deepEqual(locks("one"), [
      { name: "frozen", level: "ReadOnly", scope: null },
      { name: "rg", level: "CanNotDelete", scope: null },
    ]);
    assert.deepEqual(locks("two"), [{ name: "rg", level: "CanNotDelete", scope: null }]);
  });

  it("leaves locks unknown when the template declares none", async () => {
    const file = write("no-locks.json", { $schema: SCHEMA, resources: [account("three")] });
    const { resources } = await format.load([file], {});
    assert.ok(isUnknown(resources[0]?.properties.locks));
  });
});
