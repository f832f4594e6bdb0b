/**
 * Terraform at scale: a generated corpus of root modules ("stacks") that call
 * shared local modules with for_each, hold for_each resources with dynamic
 * blocks and companion resources, and take their variables from tfvars.
 * Measured: the whole Terraform load (parse, evaluate, map), the same plus
 * every built-in check, and the floor: reading and parsing the files alone.
 *
 * The commands run this file itself (`node --import tsx bench/scenarios/terraform-scale.ts
 * <mode> <dir>`): the `mamori iac` command is not written yet, and running the
 * sources through tsx works with `--no-build` while the rest of the tree changes.
 * tsx's start-up is paid by the floor too.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchCommand } from "../lib/scenario.js";

/** Root modules in the corpus. */
export const STACKS = 100;
/** Files with resources per stack (plus variables.tf and locals.tf). */
export const FILES_PER_STACK = 20;
export const SEED = 20_261_123;

export const name = "terraform-scale";
export const description =
  `Terraform load of ${STACKS} root modules × ${FILES_PER_STACK + 2} files (${(STACKS * (FILES_PER_STACK + 2) + 4).toLocaleString("en-US")} .tf files, ` +
  `${(STACKS * FILES_PER_STACK * 14).toLocaleString("en-US")} resource instances through local modules, for_each, dynamic blocks and tfvars), ` +
  "against reading and parsing the same files";

/** A small deterministic generator, so every run measures the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const BUCKET_MODULE = `variable "name" {
  type = string
}

variable "public" {
  type    = bool
  default = false
}

variable "log_bucket" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags   = merge(var.tags, { Name = var.name })
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = !var.public
  ignore_public_acls      = !var.public
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = var.public ? "Suspended" : "Enabled"
  }
}

resource "aws_s3_bucket_logging" "this" {
  bucket        = aws_s3_bucket.this.id
  target_bucket = var.log_bucket
  target_prefix = "\${var.name}/"
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
`;

function stackVariables(): string {
  return `variable "environment" {
  type = string
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "admin_cidrs" {
  type = list(string)
}

variable "teams" {
  type = map(object({ public = bool }))
}
`;
}

function stackLocals(stack: number): string {
  return `locals {
  prefix     = "stack-${stack}-\${var.environment}"
  log_bucket = "\${local.prefix}-logs"
  envs       = toset(["dev", "stage", "prod"])
  common_tags = {
    stack = "${stack}"
    env   = var.environment
  }
  vpc_cidr = cidrsubnet("10.0.0.0/8", 8, ${stack % 256})
}
`;
}

function stackFile(file: number, rand: () => number): string {
  const port = [22, 80, 443, 3389, 5432, 8080][Math.floor(rand() * 6)] as number;
  const open = rand() < 0.2;
  return `module "buckets_${file}" {
  source   = "../../modules/bucket"
  for_each = var.teams

  name       = "\${local.prefix}-f${file}-\${each.key}"
  public     = each.value.public
  log_bucket = local.log_bucket
  tags       = local.common_tags
}

resource "aws_security_group" "svc_${file}" {
  for_each    = local.envs
  name        = "\${local.prefix}-svc-${file}-\${each.key}"
  description = format("service %d in %s", ${file}, each.key)

  dynamic "ingress" {
    for_each = [for c in var.admin_cidrs : { cidr = c, port = ${port} }]
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.common_tags
}

resource "aws_security_group_rule" "https_${file}" {
  for_each          = aws_security_group.svc_${file}
  type              = "ingress"
  security_group_id = each.value.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = [${open ? '"0.0.0.0/0"' : "local.vpc_cidr"}]
}
`;
}

export async function prepare(workDir: string): Promise<void> {
  const rand = random(SEED);
  const root = join(workDir, "corpus");
  await mkdir(join(root, "modules", "bucket"), { recursive: true });
  await writeFile(join(root, "modules", "bucket", "main.tf"), BUCKET_MODULE);
  await writeFile(
    join(root, "modules", "bucket", "versions.tf"),
    `terraform {\n  required_version = ">= 1.5"\n}\n`,
  );
  await mkdir(join(root, "modules", "unused"), { recursive: true });
  await writeFile(join(root, "modules", "unused", "main.tf"), "# kept for the file count\n");
  await writeFile(join(root, "modules", "unused", "outputs.tf"), "");
  for (let stack = 0; stack < STACKS; stack++) {
    const dir = join(root, "stacks", `stack-${String(stack).padStart(3, "0")}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "variables.tf"), stackVariables());
    await writeFile(join(dir, "locals.tf"), stackLocals(stack));
    await writeFile(
      join(dir, "terraform.tfvars"),
      `environment = "${["dev", "stage", "prod"][stack % 3]}"\nadmin_cidrs = ["10.${stack % 256}.0.0/16", "${rand() < 0.3 ? "0.0.0.0/0" : "192.168.0.0/16"}"]\nteams = {\n  data = { public = false }\n  web  = { public = ${rand() < 0.5} }\n}\n`,
    );
    for (let file = 0; file < FILES_PER_STACK; file++)
      await writeFile(join(dir, `service-${String(file).padStart(2, "0")}.tf`), stackFile(file, rand));
  }
}

export function commands(workDir: string): BenchCommand[] {
  const corpus = join(workDir, "corpus");
  const self = "bench/scenarios/terraform-scale.ts";
  return [
    {
      label: "terraform load + checks",
      role: "subject",
      argv: ["node", "--import", "tsx", self, "check", corpus],
    },
    { label: "terraform load", role: "subject", argv: ["node", "--import", "tsx", self, "load", corpus] },
    { label: "read + parse HCL", role: "floor", argv: ["node", "--import", "tsx", self, "parse", corpus] },
  ];
}

async function tfFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && entry.name.endsWith(".tf")) out.push(join(entry.parentPath, entry.name));
  return out.sort();
}

/** The measured work, when this file is run as a program. */
async function main(mode: string, dir: string): Promise<void> {
  const files = await tfFiles(dir);
  if (mode === "parse") {
    const { parseHcl } = await import("../../src/sources/iac/terraform/hcl/parser.js");
    let blocks = 0;
    for (const file of files) blocks += parseHcl(await readFile(file, "utf8")).blocks.length;
    process.stderr.write(`${files.length} files, ${blocks} top-level blocks\n`);
    return;
  }
  const { format } = await import("../../src/sources/iac/terraform/index.js");
  const result = await format.load(files, { roots: [dir] });
  if (result.errors.length > 0) throw new Error(`load errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
  let findings = 0;
  if (mode === "check") {
    const { CheckRegistry } = await import("../../src/checks/registry.js");
    const { builtinChecks } = await import("../../src/checks/index.generated.js");
    const { evaluateResource } = await import("../../src/checks/evaluate.js");
    const registry = new CheckRegistry(builtinChecks);
    for (const resource of result.resources)
      findings += evaluateResource(resource, registry, () => []).length;
  }
  process.stderr.write(
    `${files.length} files, ${result.resources.length} canonical resources, ${findings} findings\n`,
  );
}

const invoked = process.argv[1];
if (invoked !== undefined && import.meta.url === pathToFileURL(invoked).href) {
  const [mode, dir] = process.argv.slice(2);
  if ((mode !== "parse" && mode !== "load" && mode !== "check") || dir === undefined) {
    process.stderr.write("usage: terraform-scale.ts parse|load|check DIR\n");
    process.exitCode = 2;
  } else
    main(mode, dir).catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
