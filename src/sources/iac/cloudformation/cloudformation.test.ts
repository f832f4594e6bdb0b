import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isUnknown, type Resource } from "../../../model/index.js";
import { format, looksLikeCloudFormation } from "./index.js";
import { type EvalContext, evaluate, evaluateCondition, NO_VALUE, TemplateError } from "./intrinsics.js";
import { parseJsonLocated, parseYamlLocated } from "./located.js";
import { normalizeSam } from "./sam.js";

const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), "mamori-cfn-"));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const byId = (resources: Resource[], suffix: string) => {
  const found = resources.find((r) => r.id.endsWith(`#${suffix}`));
  assert.ok(found, `no resource ${suffix} in ${resources.map((r) => r.id).join(", ")}`);
  return found;
};

function context(
  parameters: Record<string, unknown> = {},
  conditions: Record<string, unknown> = {},
): EvalContext {
  const ctx: EvalContext = {
    parameters: new Map(Object.entries(parameters)),
    mappings: { Region: { prod: { cidr: "10.0.0.0/16" } } },
    condition: (name) => evaluateCondition(conditions[name], ctx),
    refResource: (id) => ({ $unknown: true, reason: `Ref ${id}` }),
    resourceExists: (id) => id === "Bucket",
  };
  return ctx;
}

describe("CloudFormation intrinsics", () => {
  const ctx = context(
    { Env: "prod", Names: ["a", "b", "c"] },
    { IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
  );
  it("evaluates Ref, Sub, Join, Select, Split, FindInMap, Base64, If", () => {
    assert.equal(evaluate({ Ref: "Env" }, ctx), "prod");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
    assert.equal(evaluate({ "Fn::Sub": "${Env}-x-${!Literal}" }, ctx), "prod-x-${Literal}");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
    assert.equal(evaluate({ "Fn::Sub": ["${A}/${Env}", { A: "left" }] }, ctx), "left/prod");
    assert.equal(evaluate({ "Fn::Join": ["-", [{ Ref: "Env" }, "b"]] }, ctx), "prod-b");
    assert.equal(evaluate({ "Fn::Select": [1, { Ref: "Names" }] }, ctx), "b");
    assert.deepEqual(evaluate({ "Fn::Split": [",", "x,y"] }, ctx), ["x", "y"]);
    assert.equal(evaluate({ "Fn::FindInMap": ["Region", { Ref: "Env" }, "cidr"] }, ctx), "10.0.0.0/16");
    assert.equal(
      evaluate({ "Fn::FindInMap": ["Region", "dev", "cidr", { DefaultValue: "none" }] }, ctx),
      "none",
    );
    assert.equal(evaluate({ "Fn::Base64": "hi" }, ctx), "aGk=");
    assert.equal(evaluate({ "Fn::If": ["IsProd", "yes", "no"] }, ctx), "yes");
    assert.deepEqual(evaluate({ A: { "Fn::If": ["IsProd", { Ref: "AWS::NoValue" }, 1] }, B: 2 }, ctx), {
      B: 2,
    });
    assert.equal(evaluate({ Ref: "AWS::NoValue" }, ctx), NO_VALUE);
  });

  it("turns what only a deployment knows into unknowns", () => {
    for (const expr of [
      { Ref: "AWS::Region" },
      { "Fn::GetAtt": ["Bucket", "Arn"] },
      { "Fn::ImportValue": "x" },
      { "Fn::GetAZs": "" },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      { "Fn::Sub": "arn:${AWS::Partition}:s3:::x" },
      { "Fn::Join": ["", ["a", { Ref: "AWS::AccountId" }]] },
      { Ref: "Bucket" },
    ])
      assert.ok(isUnknown(evaluate(expr, ctx)), JSON.stringify(expr));
  });

  it("evaluates conditions with three values", () => {
    const unknownEnv = context(
      { Env: { $unknown: true } },
      { C: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
    );
    assert.ok(isUnknown(evaluateCondition({ Condition: "C" }, unknownEnv)));
    assert.equal(evaluateCondition({ "Fn::And": [false, { Condition: "C" }] }, unknownEnv), false);
    assert.equal(evaluateCondition({ "Fn::Or": [true, { Condition: "C" }] }, unknownEnv), true);
    assert.equal(evaluateCondition({ "Fn::Not": [{ "Fn::Equals": ["a", "b"] }] }, unknownEnv), true);
    // An unknown condition makes the branch unknown, unless both branches agree.
    assert.ok(isUnknown(evaluate({ "Fn::If": ["C", "a", "b"] }, unknownEnv)));
    assert.equal(evaluate({ "Fn::If": ["C", "same", "same"] }, unknownEnv), "same");
  });

  it("refuses references to nothing and unsupported functions", () => {
    assert.throws(() => evaluate({ Ref: "Nope" }, ctx), TemplateError);
    assert.throws(() => evaluate({ "Fn::Nope": 1 }, ctx), /unsupported intrinsic/);
    assert.throws(() => evaluate({ "Fn::Select": [9, ["a"]] }, ctx), /out of range/);
  });
});

describe("CloudFormation parsing", () => {
  it("reads short-form tags as long forms with line ranges", () => {
    const doc = parseYamlLocated("A: !GetAtt B.Arn\nC: !Sub\n  - x\n  - {}\nD: !Ref E\n");
    assert.deepEqual(doc.value, {
      A: { "Fn::GetAtt": ["B", "Arn"] },
      C: { "Fn::Sub": ["x", {}] },
      D: { Ref: "E" },
    });
    assert.deepEqual(doc.ranges.get("C"), { startLine: 2, endLine: 4 });
  });

  it("reports syntax errors with line and column", () => {
    assert.throws(
      () => parseYamlLocated("a: [1, 2\nb: c\n"),
      (e: Error & { line?: number }) => e.line !== undefined,
    );
    assert.throws(
      () => parseJsonLocated('{\n  "a": 1,\n  "b" 2\n}'),
      (e: Error & { line?: number; column?: number }) => e.line === 3 && e.column === 7,
    );
  });

  it("refuses aliases, unknown tags and deep nesting", () => {
    assert.throws(() => parseYamlLocated("a: &x [1]\nb: *x\n"), /aliases/);
    assert.throws(() => parseYamlLocated("a: !Bogus x\n"), /unknown tag !Bogus/);
    assert.throws(() => parseJsonLocated(`${"[".repeat(200000)}${"]".repeat(200000)}`), /nesting deeper/);
    assert.throws(() => parseYamlLocated(`a: ${"[".repeat(50000)}${"]".repeat(50000)}`), /YAML syntax error/);
  });

  it("detects templates by content", () => {
    assert.ok(looksLikeCloudFormation('AWSTemplateFormatVersion: "2010-09-09"\n'));
    assert.ok(looksLikeCloudFormation('{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}'));
    assert.ok(!looksLikeCloudFormation("apiVersion: v1\nkind: Pod\n"));
    assert.ok(!format.claims("x.json", '{"resources": [{"type": "Microsoft.Storage/storageAccounts"}]}'));
    assert.ok(format.claims("main.bicep", "resource x 'y' = {}"));
  });
});

describe("CloudFormation format", () => {
  it("maps buckets and groups with companions, conditions and positions", async () => {
    const result = await format.load([join(here, "fixtures", "mixed.yaml")], {});
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.resources.map((r) => r.type).sort(), ["aws.ec2.security-group", "aws.s3.bucket"]);
    const bucket = byId(result.resources, "Bucket");
    assert.equal(bucket.name, "prod-data");
    assert.deepEqual(bucket.tags, { env: "prod" });
    assert.deepEqual(bucket.properties.versioning, { status: "Enabled", mfaDelete: "Disabled" });
    assert.equal((bucket.properties.policy as { Statement: unknown[] }).Statement.length, 1);
    assert.ok(bucket.provenance.kind === "iac");
    assert.deepEqual(bucket.provenance.properties?.acl, { startLine: 20, endLine: 20 });
    assert.deepEqual(bucket.provenance.range, { startLine: 16, endLine: 25 });

    const group = byId(result.resources, "Sg");
    const ingress = group.properties.ingress as {
      fromPort?: number;
      ipv4Ranges: unknown[];
      ipv6Ranges: unknown[];
    }[];
    assert.equal(ingress.length, 3, "the SecurityGroupIngress resource joins its group");
    assert.equal(ingress[0]?.fromPort, 22);
    assert.ok(isUnknown(ingress[1]?.ipv4Ranges[0]), "a parameter without default stays unknown");
    assert.deepEqual(ingress[2]?.ipv6Ranges, ["::/0"]);
    assert.ok(group.provenance.kind === "iac");
    assert.equal(group.provenance.properties?.["ingress[0].ipv4Ranges"]?.startLine, 48);

    assert.deepEqual(result.suppressions, [
      {
        checkId: "aws.s3.access-logging",
        reason: "logs go to a central account",
        file: join(here, "fixtures", "mixed.yaml"),
        line: 15,
        resourceId: `${join(here, "fixtures", "mixed.yaml")}#Bucket`,
      },
    ]);
  });

  it("maps IAM, network ACL, CloudTrail, KMS, RDS and SNS resources with their companions", async () => {
    const result = await format.load([join(here, "fixtures", "aws-types.yaml")], {});
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.resources.map((r) => r.type).sort(), [
      "aws.cloudtrail.trail",
      "aws.ec2.network-acl",
      "aws.iam.role",
      "aws.iam.user",
      "aws.kms.key",
      "aws.rds.db-instance",
      "aws.sns.topic",
    ]);
    const user = byId(result.resources, "User");
    assert.equal(user.properties.passwordEnabled, true);
    assert.equal((user.properties.accessKeys as unknown[]).length, 1);
    const role = byId(result.resources, "Role");
    assert.deepEqual(
      (role.properties.inlinePolicies as { policyName: string }[]).map((p) => p.policyName),
      ["p"],
      "an AWS::IAM::Policy naming the role joins it",
    );
    assert.deepEqual(byId(result.resources, "Acl").properties.entries, [
      {
        ruleNumber: 100,
        egress: false,
        ruleAction: "allow",
        protocol: "6",
        cidrBlock: "0.0.0.0/0",
        portRange: { from: 22, to: 22 },
      },
    ]);
    assert.equal(byId(result.resources, "Db").properties.publiclyAccessible, true);
    assert.equal(byId(result.resources, "Trail").properties.isLogging, true);
  });

  it("normalises SAM functions and APIs with Globals", async () => {
    const result = await format.load([join(here, "fixtures", "sam.yaml")], {});
    assert.deepEqual(result.errors, []);
    assert.ok(byId(result.resources, "Uploads"));
    const sources = normalizeSam(
      [
        {
          logicalId: "Fn",
          type: "AWS::Serverless::Function",
          properties: {
            Tracing: "Active",
            Environment: { Variables: { A: "1" } },
            FunctionUrlConfig: { AuthType: "NONE" },
          },
          raw: {},
        },
        { logicalId: "Api", type: "AWS::Serverless::HttpApi", properties: {}, raw: {} },
      ],
      { Function: { Runtime: "nodejs20.x", Environment: { Variables: { B: "2" } } } },
    );
    assert.deepEqual(
      sources.map((s) => s.type),
      ["AWS::Lambda::Function", "AWS::Lambda::Url", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage"],
    );
    const fn = sources[0]?.properties as Record<string, unknown>;
    assert.equal(fn.Runtime, "nodejs20.x");
    assert.deepEqual(fn.Environment, { Variables: { B: "2", A: "1" } });
    assert.deepEqual(fn.TracingConfig, { Mode: "Active" });
    assert.deepEqual(sources[0]?.origin?.Runtime, ["Globals", "Function", "Runtime"]);
  });

  it("reads JSON templates with Metadata suppressions and drops false conditions", async () => {
    const file = write(
      "t.json",
      JSON.stringify(
        {
          AWSTemplateFormatVersion: "2010-09-09",
          Conditions: { Never: { "Fn::Equals": ["a", "b"] } },
          Resources: {
            Logs: {
              Type: "AWS::S3::Bucket",
              Metadata: { mamori: { ignore: [{ id: "aws.s3.versioning-enabled", reason: "scratch data" }] } },
            },
            Gone: { Type: "AWS::S3::Bucket", Condition: "Never" },
            Bad: { Type: "AWS::S3::Bucket", Metadata: { mamori: { ignore: [{ id: "x" }] } } },
          },
        },
        null,
        2,
      ),
    );
    const result = await format.load([file], {});
    assert.deepEqual(result.resources.map((r) => r.id.split("#")[1]).sort(), ["Bad", "Logs"]);
    assert.equal(result.suppressions.length, 1);
    assert.equal(result.suppressions[0]?.resourceId, `${file}#Logs`);
    assert.equal(result.suppressions[0]?.line, 17);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]?.message ?? "", /need an id and a reason/);
    assert.equal(result.errors[0]?.line, 34);
  });

  it("keeps SSM-typed parameters unknown", async () => {
    const file = write(
      "ssm.yaml",
      [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Parameters:",
        "  Status:",
        "    Type: AWS::SSM::Parameter::Value<String>",
        "    Default: /config/versioning",
        "Resources:",
        "  B:",
        "    Type: AWS::S3::Bucket",
        "    Properties:",
        "      VersioningConfiguration:",
        "        Status: !Ref Status",
        "",
      ].join("\n"),
    );
    const result = await format.load([file], {});
    assert.ok(
      isUnknown((result.resources[0]?.properties.versioning as { status: unknown } | undefined)?.status),
    );
  });

  it("requires a reason in comment suppressions", async () => {
    const file = write(
      "noreason.yaml",
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket # mamori:ignore aws.s3.mfa-delete\n",
    );
    const result = await format.load([file], {});
    assert.deepEqual(result.errors, [
      {
        source: file,
        message: "mamori:ignore needs a check id and a reason: # mamori:ignore <check-id> <reason>",
        line: 4,
      },
    ]);
  });

  it("reports bad files and goes on with the others", async () => {
    const broken = write("broken.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B: [\n");
    const badRef = write(
      "badref.yaml",
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Missing\n  C:\n    Type: AWS::S3::Bucket\n",
    );
    const big = write("big.yaml", `AWSTemplateFormatVersion: '2010-09-09'\n#${"x".repeat(2000)}\n`);
    const bicep = write("main.bicep", "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {}\n");
    const result = await format.load([broken, badRef, big, bicep], { maxFileBytes: 1000 });
    const messages = result.errors.map(
      (e) => `${e.source.slice(dir.length + 1)}:${e.line ?? ""}: ${e.message}`,
    );
    assert.match(messages[0] ?? "", /^broken\.yaml:\d+: YAML syntax error/);
    assert.equal(result.errors[0]?.column !== undefined, true);
    assert.match(messages[1] ?? "", /^badref\.yaml:3: B: Ref to Missing/);
    assert.match(messages[2] ?? "", /^big\.yaml:: file is \d+ bytes, over the 1000-byte limit/);
    assert.match(messages[3] ?? "", /az bicep build/);
    assert.deepEqual(
      result.resources.map((r) => r.id.split("#")[1]),
      ["C"],
    );
  });
});
