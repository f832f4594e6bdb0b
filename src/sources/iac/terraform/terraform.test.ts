/**
 * The Terraform format end to end: files → evaluated modules → canonical
 * resources → built-in checks, with findings at the right lines.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { evaluateResource } from "../../../checks/evaluate.js";
import { builtinChecks } from "../../../checks/index.generated.js";
import { CheckRegistry } from "../../../checks/registry.js";
import type { Finding } from "../../../model/index.js";
import { format } from "./index.js";

const registry = new CheckRegistry(builtinChecks);
const acceptance = join(import.meta.dirname, "testdata", "acceptance");

function findingsOf(resources: Awaited<ReturnType<typeof format.load>>["resources"]): Finding[] {
  return resources.flatMap((r) => evaluateResource(r, registry, () => []));
}

const tmp = mkdtempSync(join(tmpdir(), "mamori-tf-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function writeTree(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function tfFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(".tf"))
    .map((n) => join(dir, n));
}

describe("terraform acceptance: tfvars, a local module, for_each and dynamic blocks", async () => {
  const result = await format.load(tfFiles(acceptance), { roots: [acceptance] });
  const findings = findingsOf(result.resources);
  const failed = (checkId: string) => findings.filter((f) => f.checkId === checkId && f.status === "fail");

  it("loads without errors and expands the module for each team", () => {
    assert.deepEqual(result.errors, []);
    const buckets = result.resources
      .filter((r) => r.type === "aws.s3.bucket")
      .map((r) => r.id)
      .sort();
    assert.deepEqual(buckets, [
      'modules/bucket/main.tf#module.team_bucket["data"].aws_s3_bucket.this',
      'modules/bucket/main.tf#module.team_bucket["web"].aws_s3_bucket.this',
    ]);
    const names = result.resources
      .filter((r) => r.type === "aws.s3.bucket")
      .map((r) => r.name)
      .sort();
    assert.deepEqual(names, ["acme-prod-data", "acme-prod-web"]);
  });

  it("reports the public ACL of the web team's bucket at the acl line of the module", () => {
    const acl = failed("aws.s3.no-public-acl");
    assert.equal(acl.length, 1);
    assert.match(acl[0]?.resource.id ?? "", /team_bucket\["web"\]/);
    assert.deepEqual(acl[0]?.location, { file: "modules/bucket/main.tf", startLine: 16, endLine: 16 });
    const bpa = failed("aws.s3.block-public-access");
    assert.equal(bpa.length, 1);
    assert.equal(bpa[0]?.location?.file, "modules/bucket/main.tf");
    assert.ok([21, 22].includes(bpa[0]?.location?.startLine ?? 0), JSON.stringify(bpa[0]?.location));
  });

  it("reports SSH open to the world from the dynamic block at its cidr_blocks line", () => {
    const ssh = failed("aws.ec2.security-group-admin-ports-ipv4");
    assert.equal(ssh.length, 1);
    assert.equal(ssh[0]?.resource.id, "main.tf#aws_security_group.admin");
    assert.deepEqual(ssh[0]?.location, { file: "main.tf", startLine: 40, endLine: 40 });
  });

  it("gives no failure for a rule whose source is an unresolved variable", () => {
    const partner = findings.filter((f) => f.resource.id === "main.tf#aws_security_group.partner");
    assert.ok(partner.length > 0);
    assert.ok(!partner.some((f) => f.status === "fail"), JSON.stringify(partner));
    assert.ok(
      partner.some(
        (f) => f.checkId === "aws.ec2.security-group-admin-ports-ipv4" && f.status === "not_applicable",
      ),
    );
  });
});

describe("terraform loader", () => {
  it("reports a syntax error with file:line:col and goes on with the other files", async () => {
    const dir = writeTree("syntax", {
      "good/main.tf": 'resource "aws_s3_bucket" "ok" {\n  bucket = "ok"\n}\n',
      "bad/main.tf": 'resource "aws_s3_bucket" "broken" {\n  bucket = "unterminated\n}\n',
    });
    const result = await format.load([join(dir, "good/main.tf"), join(dir, "bad/main.tf")], { roots: [dir] });
    assert.deepEqual(result.errors, [
      {
        source: "bad/main.tf",
        message: "a quoted string cannot span lines (use a heredoc)",
        line: 2,
        column: 25,
      },
    ]);
    assert.deepEqual(
      result.resources.map((r) => r.id),
      ["good/main.tf#aws_s3_bucket.ok"],
    );
  });

  it("applies variables in Terraform's order: default < tfvars < auto.tfvars < var file < --var", async () => {
    const dir = writeTree("vars", {
      "main.tf": [
        'variable "a" { default = "default" }',
        'variable "b" { default = "default" }',
        'variable "c" { default = "default" }',
        'variable "d" { default = "default" }',
        'variable "e" { default = "default" }',
        'variable "n" { type = number }',
        'resource "aws_s3_bucket" "x" {',
        '  bucket = join("-", [var.a, var.b, var.c, var.d, var.e, var.n + 1])',
        "}",
      ].join("\n"),
      "terraform.tfvars": 'b = "tfvars"\nc = "tfvars"\nd = "tfvars"\ne = "tfvars"\n',
      "x.auto.tfvars.json": '{"c": "auto", "d": "auto", "e": "auto"}',
      "extra.tfvars": 'd = "file"\ne = "file"\n',
    });
    const result = await format.load([join(dir, "main.tf")], {
      roots: [dir],
      varFiles: [join(dir, "extra.tfvars")],
      vars: { e: "cli", n: "41" },
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.resources[0]?.name, "default-tfvars-auto-file-cli-42");
  });

  it("notes a registry module it cannot resolve and reads one installed under .terraform/modules", async () => {
    const dir = writeTree("registry", {
      "main.tf": [
        'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}',
        'module "logs" {\n  source = "git::https://example.com/logs.git"\n  name = "central-logs"\n}',
        'resource "aws_s3_bucket" "b" {\n  bucket = module.vpc.name\n}',
      ].join("\n"),
      ".terraform/modules/modules.json": JSON.stringify({
        Modules: [
          { Key: "logs", Source: "git::https://example.com/logs.git", Dir: ".terraform/modules/logs" },
        ],
      }),
      ".terraform/modules/logs/main.tf":
        'variable "name" {}\nresource "aws_s3_bucket" "log" {\n  bucket = var.name\n}\n',
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    assert.deepEqual(result.errors, []);
    assert.ok(
      result.notes.some((n) => n.message.includes("module module.vpc not resolved (registry/git source)")),
      JSON.stringify(result.notes),
    );
    const names = result.resources.map((r) => r.name).sort();
    assert.deepEqual(names, ["aws_s3_bucket.b", "central-logs"]);
    // module.vpc.name is unknown, so the bucket is named by its address.
    assert.ok(result.resources.some((r) => r.id === "main.tf#aws_s3_bucket.b"));
  });

  it("reports a cycle between locals and keeps going", async () => {
    const dir = writeTree("cycle", {
      "main.tf":
        'locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_s3_bucket" "x" {\n  bucket = local.a\n}\n',
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    assert.equal(result.errors.length, 1);
    assert.match(
      result.errors[0]?.message ?? "",
      /cycle between local values: local\.(a|b) -> local\.(a|b) -> local\.(a|b)/,
    );
    assert.equal(result.resources.length, 1);
  });

  it("refuses file() outside the scanned folders and notes it", async () => {
    const dir = writeTree("files", {
      "main.tf": [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
        'resource "aws_s3_bucket" "inside" {\n  bucket = trimspace(file("${path.module}/name.txt"))\n}',
        'resource "aws_s3_bucket" "outside" {\n  bucket = file("/etc/hostname")\n}',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
        'resource "aws_s3_bucket" "tpl" {\n  bucket = templatefile("${path.module}/name.tpl", { env = "prod", parts = ["a", "b"] })\n}',
      ].join("\n"),
      "name.txt": "from-file\n",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
      "name.tpl": "%{ for p in parts }${p}-%{ endfor }${env}",
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    const names = Object.fromEntries(result.resources.map((r) => [r.id, r.name]));
    assert.equal(names["main.tf#aws_s3_bucket.inside"], "from-file");
    assert.equal(names["main.tf#aws_s3_bucket.tpl"], "a-b-prod");
    // The refused file() leaves the name unknown: the bucket is named by its address.
    assert.equal(names["main.tf#aws_s3_bucket.outside"], "aws_s3_bucket.outside");
    assert.ok(result.notes.some((n) => n.message.includes("outside the scanned folders") && n.line === 5));
  });

  it("turns mamori:ignore comments into suppressions and requires a reason", async () => {
    const dir = writeTree("ignore", {
      "main.tf": [
        "# mamori:ignore aws.s3.versioning-enabled scratch bucket, recreated daily",
        'resource "aws_s3_bucket" "scratch" {',
        '  bucket = "scratch"',
        "}",
        'resource "aws_s3_bucket_versioning" "v" {',
        "  bucket = aws_s3_bucket.scratch.id",
        "  // mamori:ignore aws.s3.mfa-delete",
        '  versioning_configuration { status = "Enabled" }',
        "}",
      ].join("\n"),
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    assert.deepEqual(result.suppressions, [
      {
        resourceId: "main.tf#aws_s3_bucket.scratch",
        checkId: "aws.s3.versioning-enabled",
        reason: "scratch bucket, recreated daily",
        file: "main.tf",
        line: 1,
      },
    ]);
    assert.deepEqual(result.errors, [
      {
        source: "main.tf",
        line: 7,
        message: "mamori:ignore needs a check id and a reason: # mamori:ignore <check-id> <reason>",
      },
    ]);
  });

  it("joins companions by literal bucket name and by count index", async () => {
    const dir = writeTree("join", {
      "main.tf": [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
        'resource "aws_s3_bucket" "b" {\n  count  = 2\n  bucket = "bucket-${count.index}"\n}',
        'resource "aws_s3_bucket_versioning" "v" {\n  count  = 2\n  bucket = aws_s3_bucket.b[count.index].id',
        '  versioning_configuration {\n    status = count.index == 0 ? "Enabled" : "Suspended"\n  }\n}',
        'resource "aws_s3_bucket_logging" "l" {\n  bucket = "bucket-1"\n  target_bucket = "logs"\n}',
      ].join("\n"),
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    const byId = Object.fromEntries(result.resources.map((r) => [r.id, r.properties]));
    assert.deepEqual(byId["main.tf#aws_s3_bucket.b[0]"]?.versioning, {
      status: "Enabled",
      mfaDelete: "Disabled",
    });
    assert.deepEqual(byId["main.tf#aws_s3_bucket.b[1]"]?.versioning, {
      status: "Suspended",
      mfaDelete: "Disabled",
    });
    assert.deepEqual(byId["main.tf#aws_s3_bucket.b[1]"]?.logging, {
      targetBucket: "logs",
      targetPrefix: null,
    });
    assert.equal(byId["main.tf#aws_s3_bucket.b[0]"]?.logging, null);
  });

  it("does not evaluate instances whose count is unknown", async () => {
    const dir = writeTree("unknown-count", {
      "main.tf": 'variable "n" {}\nresource "aws_s3_bucket" "b" {\n  count = var.n\n  bucket = "x"\n}\n',
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    assert.equal(result.resources.length, 0);
    assert.match(result.notes[0]?.message ?? "", /count of aws_s3_bucket\.b is not known/);
  });

  it("reads the JSON syntax (.tf.json) with lines, dynamic blocks and comment-property suppressions", async () => {
    // HCL interpolation inside JSON strings, built without JS template look-alikes.
    const interp = (expr: string) => `$\{${expr}}`;
    const dir = writeTree("json", {
      "main.tf.json": JSON.stringify(
        {
          variable: { ports: { default: [22, 443] } },
          resource: {
            aws_security_group: {
              web: {
                "//": "mamori:ignore aws.ec2.security-group-all-ports-open reviewed by netsec",
                name: "web",
                dynamic: {
                  ingress: {
                    for_each: interp("var.ports"),
                    content: {
                      from_port: interp("ingress.value"),
                      to_port: interp("ingress.value"),
                      protocol: "tcp",
                      cidr_blocks: ["0.0.0.0/0"],
                    },
                  },
                },
              },
            },
          },
        },
        null,
        2,
      ),
    });
    const result = await format.load([join(dir, "main.tf.json")], { roots: [dir] });
    assert.deepEqual(result.errors, []);
    const sg = result.resources[0];
    assert.equal(sg?.id, "main.tf.json#aws_security_group.web");
    assert.deepEqual(
      ((sg?.properties.ingress ?? []) as { fromPort: number }[]).map((r) => r.fromPort),
      [22, 443],
    );
    const ssh = findingsOf(result.resources).find(
      (f) => f.checkId === "aws.ec2.security-group-admin-ports-ipv4" && f.status === "fail",
    );
    assert.equal(ssh?.location?.file, "main.tf.json");
    assert.equal(ssh?.location?.startLine, 22);
    assert.equal(result.suppressions[0]?.checkId, "aws.ec2.security-group-all-ports-open");
    assert.equal(result.suppressions[0]?.reason, "reviewed by netsec");
  });

  it("reports a JSON syntax error with line and column", async () => {
    const dir = writeTree("json-bad", { "main.tf.json": '{\n  "resource": {\n    "x": [1,]\n  }\n}\n' });
    const result = await format.load([join(dir, "main.tf.json")], { roots: [dir] });
    assert.deepEqual(result.errors, [
      { source: "main.tf.json", message: 'unexpected "]"', line: 3, column: 13 },
    ]);
  });

  it("stops a very long chain of locals with a note instead of overflowing", async () => {
    const locals = Array.from(
      { length: 2000 },
      (_, i) => `  l${i} = ${i === 1999 ? '"end"' : `local.l${i + 1}`}`,
    );
    const dir = writeTree("deep", {
      "main.tf": `locals {\n${locals.join("\n")}\n}\nresource "aws_s3_bucket" "x" {\n  bucket = local.l0\n}\n`,
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    assert.deepEqual(result.errors, []);
    assert.equal(result.resources[0]?.name, "aws_s3_bucket.x");
    assert.ok(
      result.notes.some((n) => n.message.includes("deeper than")),
      JSON.stringify(result.notes.slice(0, 2)),
    );
  });

  it("fills optional() defaults of object-typed variables", async () => {
    const dir = writeTree("optional", {
      "main.tf": [
        'variable "buckets" {',
        "  type = map(object({",
        "    versioning = optional(bool, true)",
        '    suffix     = optional(string, "data")',
        "  }))",
        "}",
        'resource "aws_s3_bucket" "b" {',
        "  for_each = var.buckets",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
        '  bucket   = "${each.key}-${each.value.suffix}"',
        "  versioning {",
        "    enabled = each.value.versioning",
        "  }",
        "}",
      ].join("\n"),
      "terraform.tfvars": 'buckets = {\n  a = {}\n  b = { versioning = false, suffix = "logs" }\n}\n',
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    assert.deepEqual(result.notes, []);
    const byName = Object.fromEntries(result.resources.map((r) => [r.name, r.properties.versioning]));
    assert.deepEqual(byName, {
      "a-data": { status: "Enabled", mfaDelete: "Disabled" },
      "b-logs": { status: "Suspended", mfaDelete: "Disabled" },
    });
  });

  it("takes each resource's region from its aws provider, inherited by modules", async () => {
    const dir = writeTree("regions", {
      "main.tf": [
        'variable "region" { default = "eu-west-1" }',
        'provider "aws" {\n  region = var.region\n}',
        'provider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}',
        'resource "aws_s3_bucket" "eu" {\n  bucket = "eu"\n}',
        'resource "aws_s3_bucket" "us" {\n  provider = aws.us\n  bucket   = "us"\n}',
        'module "m" {\n  source = "./m"\n}',
      ].join("\n"),
      "m/main.tf": 'resource "aws_s3_bucket" "inner" {\n  bucket = "inner"\n}\n',
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    const regions = Object.fromEntries(result.resources.map((r) => [r.name, r.region]));
    assert.deepEqual(regions, { eu: "eu-west-1", us: "us-east-1", inner: "eu-west-1" });
  });

  it("reads a server certificate's expiry from its PEM body", async () => {
    const dir = join(import.meta.dirname, "testdata", "certificate");
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    assert.equal(result.resources[0]?.type, "aws.iam.server-certificate");
    assert.equal(result.resources[0]?.properties.expiration, "2020-03-01T00:00:00.000Z");
  });

  it("passes module outputs back to the caller, through count and splats", async () => {
    const dir = writeTree("outputs", {
      "main.tf": [
        'module "names" {\n  source = "./names"\n  count  = 2\n  index  = count.index\n}',
        'resource "aws_s3_bucket" "joined" {\n  bucket = join("-", module.names[*].name)\n}',
        'resource "aws_s3_bucket" "arn_based" {\n  bucket = module.names[0].arn\n}',
      ].join("\n"),
      "names/main.tf": [
        'variable "index" { type = number }',
        'resource "aws_s3_bucket" "b" {\n  bucket = format("n%02d", var.index)\n}',
        'output "name" { value = aws_s3_bucket.b.bucket }',
        'output "arn" { value = aws_s3_bucket.b.arn }',
      ].join("\n"),
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    const names = result.resources.map((r) => r.name).sort();
    // A bucket's ARN follows from its name, so it is known before apply.
    assert.deepEqual(names, ["arn:aws:s3:::n00", "n00", "n00-n01", "n01"]);
    assert.ok(result.resources.some((r) => r.id === "names/main.tf#module.names[1].aws_s3_bucket.b"));
  });

  it("knows a bucket's id and ARN from its name, so TLS-only policies built on them are checked", async () => {
    const arn = (name: string) => `$\{aws_s3_bucket.${name}.arn}`;
    const dir = writeTree("policy-arn", {
      "main.tf": [
        'resource "aws_s3_bucket" "data" {\n  bucket = "acme-data"\n}',
        'resource "aws_s3_bucket" "generated" {\n  bucket_prefix = "tmp-"\n}',
        'resource "aws_s3_bucket_policy" "data" {',
        "  bucket = aws_s3_bucket.data.id",
        "  policy = jsonencode({",
        '    Version = "2012-10-17"',
        "    Statement = [{",
        '      Effect    = "Deny"',
        '      Principal = "*"',
        '      Action    = "s3:*"',
        `      Resource  = [aws_s3_bucket.data.arn, "${arn("data")}/*"]`,
        '      Condition = { Bool = { "aws:SecureTransport" = "false" } }',
        "    }]",
        "  })",
        "}",
        'resource "aws_s3_bucket_policy" "generated" {',
        "  bucket = aws_s3_bucket.generated.id",
        '  policy = jsonencode({ Statement = [{ Effect = "Deny", Resource = aws_s3_bucket.generated.arn }] })',
        "}",
      ].join("\n"),
    });
    const result = await format.load([join(dir, "main.tf")], { roots: [dir] });
    const tls = findingsOf(result.resources).filter((f) => f.checkId === "aws.s3.deny-insecure-transport");
    const status = Object.fromEntries(tls.map((f) => [f.resource.id, f.status]));
    assert.deepEqual(status, {
      "main.tf#aws_s3_bucket.data": "pass",
      // bucket_prefix: the name, hence the ARN and the policy, are known only after apply.
      "main.tf#aws_s3_bucket.generated": "not_applicable",
    });
  });
});
