import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { seededRandom } from "../lib/aws-resources.js";
import type { BenchCommand } from "../lib/scenario.js";

/** Templates in the generated corpus (the issue asks for at least 200). */
export const TEMPLATE_COUNT = 240;
/** The generator's seed: change it and the corpus changes, so recorded results are no longer comparable. */
export const SEED = 20_261_123;

export const name = "cloudformation-vs-cfn-lint";
export const description =
  `mamori iac on ${TEMPLATE_COUNT} generated CloudFormation templates (YAML and JSON, SAM, parameters, ` +
  "conditions, mappings, intrinsics; seeded) against cfn-lint on the same files";

type Random = () => number;
type Template = Record<string, unknown>;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/**
 * One realistic template: a small application stack of 6–20 resources drawn
 * from buckets (+ policies), security groups (+ rule resources), IAM roles
 * and policies, KMS keys, RDS instances, VPCs with flow logs, CloudTrail,
 * SNS topics, EC2 instances and volumes, Lambda/SAM functions — wired with
 * Ref, Sub, GetAtt, If, FindInMap, Join, Select and conditions, as real
 * stacks are. Written in long form so that the same value serialises to
 * both JSON and YAML.
 */
export function generateTemplate(random: Random, index: number): Template {
  const sam = random() < 0.25;
  const resources: Record<string, unknown> = {};
  const app = `app${index}`;
  const parameters: Record<string, unknown> = {
    Environment: {
      Type: "String",
      Default: pick(random, ["prod", "staging", "dev"]),
      AllowedValues: ["prod", "staging", "dev"],
    },
    AdminCidr:
      random() < 0.5
        ? { Type: "String" }
        : { Type: "String", Default: pick(random, ["10.0.0.0/8", "0.0.0.0/0", "192.0.2.0/24"]) },
    VpcId: { Type: "AWS::EC2::VPC::Id" },
  };
  const conditions = {
    IsProd: { "Fn::Equals": [{ Ref: "Environment" }, "prod"] },
    NotProd: { "Fn::Not": [{ Condition: "IsProd" }] },
  };
  const mappings = {
    Sizing: {
      prod: { Instance: "m6i.large", Storage: "100" },
      staging: { Instance: "t3.medium", Storage: "50" },
      dev: { Instance: "t3.small", Storage: "20" },
    },
  };
  const count = 6 + Math.floor(random() * 15);
  for (let i = 0; resources && Object.keys(resources).length < count; i++) {
    const kind = pick(random, [
      "bucket",
      "bucket",
      "sg",
      "sg",
      "role",
      "key",
      "db",
      "vpc",
      "trail",
      "topic",
      "instance",
      "volume",
      "function",
    ]);
    const id = (base: string) => `${base}${i}`;
    switch (kind) {
      case "bucket": {
        const bucket = id("Bucket");
        const properties: Record<string, unknown> = {
          BucketName: { "Fn::Sub": `\${AWS::StackName}-${app}-${i}-\${Environment}` },
          VersioningConfiguration: { Status: { "Fn::If": ["IsProd", "Enabled", "Suspended"] } },
          Tags: [
            { Key: "app", Value: app },
            { Key: "env", Value: { Ref: "Environment" } },
          ],
        };
        if (random() < 0.6)
          properties.BucketEncryption = {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: pick(random, ["AES256", "aws:kms"]) } },
            ],
          };
        if (random() < 0.5)
          properties.PublicAccessBlockConfiguration = {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: random() < 0.8,
            RestrictPublicBuckets: true,
          };
        if (random() < 0.15) {
          properties.AccessControl = "PublicRead";
          properties.OwnershipControls = { Rules: [{ ObjectOwnership: "ObjectWriter" }] };
        }
        if (random() < 0.4)
          properties.LoggingConfiguration = {
            DestinationBucketName: "central-access-logs",
            LogFilePrefix: `${app}/`,
          };
        resources[bucket] = { Type: "AWS::S3::Bucket", Properties: properties };
        if (random() < 0.5)
          resources[id("BucketPolicy")] = {
            Type: "AWS::S3::BucketPolicy",
            Properties: {
              Bucket: { Ref: bucket },
              PolicyDocument: {
                Version: "2012-10-17",
                Statement: [
                  {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [{ "Fn::GetAtt": [bucket, "Arn"] }, { "Fn::Sub": `\${${bucket}.Arn}/*` }],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                  },
                ],
              },
            },
          };
        break;
      }
      case "sg": {
        const group = id("SecurityGroup");
        const ports = [pick(random, [22, 80, 443, 3389, 5432, 8080]), pick(random, [443, 8443])];
        resources[group] = {
          Type: "AWS::EC2::SecurityGroup",
          Properties: {
            GroupDescription: `${app} tier ${i}`,
            VpcId: { Ref: "VpcId" },
            SecurityGroupIngress: ports.map((port) => ({
              IpProtocol: "tcp",
              FromPort: port,
              ToPort: port,
              CidrIp: port === 443 ? "0.0.0.0/0" : { Ref: "AdminCidr" },
            })),
            Tags: [{ Key: "Name", Value: { "Fn::Join": ["-", [app, "sg", { Ref: "Environment" }]] } }],
          },
        };
        if (random() < 0.5)
          resources[id("Ingress")] = {
            Type: "AWS::EC2::SecurityGroupIngress",
            Properties: {
              GroupId: { "Fn::GetAtt": [group, "GroupId"] },
              IpProtocol: "tcp",
              FromPort: 8080,
              ToPort: 8080,
              CidrIpv6: "::/0",
            },
          };
        break;
      }
      case "role": {
        const role = id("Role");
        resources[role] = {
          Type: "AWS::IAM::Role",
          Properties: {
            AssumeRolePolicyDocument: {
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Principal: { Service: pick(random, ["lambda.amazonaws.com", "ec2.amazonaws.com"]) },
                  Action: "sts:AssumeRole",
                },
              ],
            },
            ManagedPolicyArns: [
              // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
              { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" },
            ],
          },
        };
        resources[id("RolePolicy")] = {
          Type: "AWS::IAM::Policy",
          Properties: {
            PolicyName: `${app}-${i}`,
            Roles: [{ Ref: role }],
            PolicyDocument: {
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Action: random() < 0.2 ? "*" : ["s3:GetObject", "s3:PutObject"],
                  Resource: random() < 0.2 ? "*" : { "Fn::Sub": `arn:\${AWS::Partition}:s3:::${app}-*` },
                },
              ],
            },
          },
        };
        break;
      }
      case "key":
        resources[id("Key")] = {
          Type: "AWS::KMS::Key",
          Properties: {
            EnableKeyRotation: random() < 0.7,
            KeyPolicy: {
              Version: "2012-10-17",
              Statement: [
                {
                  Sid: "Root",
                  Effect: "Allow",
                  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
                  Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" } },
                  Action: "kms:*",
                  Resource: "*",
                },
              ],
            },
          },
        };
        break;
      case "db":
        resources[id("Database")] = {
          Type: "AWS::RDS::DBInstance",
          DeletionPolicy: "Snapshot",
          UpdateReplacePolicy: "Snapshot",
          Properties: {
            Engine: pick(random, ["postgres", "mysql"]),
            DBInstanceClass: "db.t3.medium",
            AllocatedStorage: { "Fn::FindInMap": ["Sizing", { Ref: "Environment" }, "Storage"] },
            MasterUsername: "app",
            ManageMasterUserPassword: true,
            StorageEncrypted: random() < 0.7,
            PubliclyAccessible: random() < 0.1,
            MultiAZ: { "Fn::If": ["IsProd", true, false] },
          },
        };
        break;
      case "vpc": {
        const vpc = id("Vpc");
        resources[vpc] = {
          Type: "AWS::EC2::VPC",
          Properties: { CidrBlock: `10.${i}.0.0/16`, EnableDnsSupport: true },
        };
        resources[id("Subnet")] = {
          Type: "AWS::EC2::Subnet",
          Properties: {
            VpcId: { Ref: vpc },
            CidrBlock: { "Fn::Select": [0, { "Fn::Cidr": [`10.${i}.0.0/16`, 4, 8] }] },
            AvailabilityZone: { "Fn::Select": [0, { "Fn::GetAZs": "" }] },
          },
        };
        if (random() < 0.6)
          resources[id("FlowLog")] = {
            Type: "AWS::EC2::FlowLog",
            Properties: {
              ResourceId: { Ref: vpc },
              ResourceType: "VPC",
              TrafficType: "ALL",
              LogDestinationType: "s3",
              LogDestination: "arn:aws:s3:::central-flow-logs",
            },
          };
        break;
      }
      case "trail":
        resources[id("Trail")] = {
          Type: "AWS::CloudTrail::Trail",
          Properties: {
            IsLogging: true,
            S3BucketName: "central-trail-logs",
            IsMultiRegionTrail: random() < 0.6,
            EnableLogFileValidation: random() < 0.6,
          },
        };
        break;
      case "topic":
        resources[id("Topic")] = {
          Type: "AWS::SNS::Topic",
          Properties: {
            TopicName: { "Fn::Sub": `${app}-${i}-\${Environment}` },
            ...(random() < 0.5 ? { KmsMasterKeyId: "alias/aws/sns" } : {}),
          },
        };
        break;
      case "instance":
        resources[id("Instance")] = {
          Type: "AWS::EC2::Instance",
          Properties: {
            ImageId: "ami-0123456789abcdef0",
            InstanceType: { "Fn::FindInMap": ["Sizing", { Ref: "Environment" }, "Instance"] },
            // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
            UserData: { "Fn::Base64": { "Fn::Sub": "#!/bin/bash\necho ${Environment} > /etc/env\n" } },
          },
        };
        break;
      case "volume":
        resources[id("Volume")] = {
          Type: "AWS::EC2::Volume",
          Condition: "NotProd",
          Properties: {
            AvailabilityZone: { "Fn::Select": [0, { "Fn::GetAZs": "" }] },
            Size: 20,
            Encrypted: random() < 0.7,
          },
        };
        break;
      case "function":
        resources[id("Function")] = sam
          ? {
              Type: "AWS::Serverless::Function",
              Properties: {
                Handler: "index.handler",
                InlineCode: "exports.handler = async () => ({ statusCode: 200 });",
                Tracing: "Active",
              },
            }
          : {
              Type: "AWS::Lambda::Function",
              Properties: {
                Runtime: "nodejs22.x",
                Handler: "index.handler",
                // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
                Role: { "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/lambda-basic" },
                Code: { ZipFile: "exports.handler = async () => ({ statusCode: 200 });" },
                Environment: { Variables: { STAGE: { Ref: "Environment" } } },
              },
            };
        break;
    }
  }
  const template: Template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `${app}: generated benchmark stack`,
  };
  if (sam) {
    template.Transform = "AWS::Serverless-2016-10-31";
    template.Globals = { Function: { Runtime: "python3.12", Timeout: 10, MemorySize: 256 } };
  }
  Object.assign(template, {
    Parameters: parameters,
    Conditions: conditions,
    Mappings: mappings,
    Resources: resources,
  });
  const first = Object.keys(resources).find((k) => k.startsWith("Bucket") && !k.startsWith("BucketPolicy"));
  if (first) template.Outputs = { BucketArn: { Value: { "Fn::GetAtt": [first, "Arn"] } } };
  return template;
}

const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9:_.-]*$/;
const PLAIN_STRING = /^[A-Za-z/][A-Za-z0-9 ._/-]*$/;
const RESERVED = new Set(["true", "false", "null", "yes", "no", "on", "off", "y", "n"]);

function scalar(value: unknown): string {
  if (typeof value === "string" && PLAIN_STRING.test(value) && !RESERVED.has(value.toLowerCase()))
    return value;
  return JSON.stringify(value);
}

/**
 * YAML as people write templates: plain keys and strings where YAML allows,
 * and intrinsic functions in short form (`!Ref X`, `!GetAtt A.B`, `!Sub`, `!If`…).
 */
export function toYaml(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return value.map((item) => `\n${indent}- ${toYaml(item, `${indent}  `).replace(/^\n\s*/, "")}`).join("");
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    if (entries.length === 1) {
      const [fn, arg] = entries[0] as [string, unknown];
      if (fn === "Ref" || fn === "Condition") return `!${fn} ${scalar(arg)}`;
      if (fn === "Fn::GetAtt" && Array.isArray(arg)) return `!GetAtt ${arg.join(".")}`;
      if (fn.startsWith("Fn::")) {
        const tag = `!${fn.slice(4)}`;
        if (Array.isArray(arg) || (arg && typeof arg === "object")) {
          const inner = toYaml(arg, `${indent}  `);
          // A YAML node takes one tag: `!Base64 !Sub x` is invalid, so the outer function stays in long form.
          if (!inner.startsWith("\n")) return `\n${indent}${fn}: ${inner}`;
          return `${tag}${toYaml(arg, indent)}`;
        }
        return `${tag} ${scalar(arg)}`;
      }
    }
    return entries
      .map(([k, v]) => {
        const rendered = toYaml(v, `${indent}  `);
        return `\n${indent}${PLAIN_KEY.test(k) ? k : JSON.stringify(k)}:${rendered.startsWith("\n") ? "" : " "}${rendered}`;
      })
      .join("");
  }
  return scalar(value);
}

/** File names of the corpus: two thirds YAML, one third JSON. */
export function corpusFiles(dir: string, count = TEMPLATE_COUNT): string[] {
  return Array.from({ length: count }, (_, i) =>
    join(dir, `stack-${String(i).padStart(4, "0")}.${i % 3 === 2 ? "json" : "yaml"}`),
  );
}

/** Writes the corpus of `count` templates. */
export async function writeCorpus(dir: string, count = TEMPLATE_COUNT, seed = SEED): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const random = seededRandom(seed);
  const files = corpusFiles(dir, count);
  for (const [i, file] of files.entries()) {
    const template = generateTemplate(random, i);
    await writeFile(
      file,
      file.endsWith(".json") ? `${JSON.stringify(template, null, 2)}\n` : `${toYaml(template).trimStart()}\n`,
    );
  }
  return files;
}

export async function prepare(workDir: string): Promise<void> {
  await writeCorpus(join(workDir, "templates"));
}

export function commands(workDir: string): BenchCommand[] {
  const templates = join(workDir, "templates");
  const files = corpusFiles(templates);
  return [
    {
      label: "mamori iac",
      role: "subject",
      argv: [
        "node",
        "dist/cli/bin.js",
        "iac",
        templates,
        "--format",
        "json",
        "--no-store",
        "--output",
        join(workDir, "out.json"),
      ],
    },
    {
      label: "mamori cloudformation load only",
      role: "subject",
      argv: ["node", "-e", LOAD_SCRIPT, templates],
    },
    { label: "read + parse (yaml package)", role: "floor", argv: ["node", "-e", FLOOR_SCRIPT, templates] },
    // cfn-lint exits non-zero when it reports anything; the bench compares time, not verdicts.
    { label: "cfn-lint", role: "peer", argv: ["cfn-lint", "--non-zero-exit-code", "none", "--", ...files] },
  ];
}

/**
 * Loads the folder through the built CloudFormation format alone (parse,
 * evaluate, map): what `mamori iac` costs before checks, reports and the CLI.
 */
const LOAD_SCRIPT = [
  'const {readdirSync}=require("node:fs");const {join}=require("node:path");',
  "(async()=>{",
  'const {format}=await import(require("node:path").resolve("dist/sources/iac/cloudformation/index.js"));',
  "const dir=process.argv[1];const files=readdirSync(dir).map(f=>join(dir,f));",
  "const r=await format.load(files,{});",
  "if(r.resources.length===0||r.errors.length>0){console.error(JSON.stringify(r.errors.slice(0,3)));process.exit(1)}",
  "})()",
].join("");

/** The floor: start node, read every file and parse it as YAML (JSON is YAML) without positions. */
const FLOOR_SCRIPT = [
  'const {readdirSync,readFileSync}=require("node:fs");const {join}=require("node:path");',
  'const {parse}=require(require("node:path").resolve("node_modules/yaml"));',
  "const dir=process.argv[1];let n=0;",
  'for(const f of readdirSync(dir)){const d=parse(readFileSync(join(dir,f),"utf8"),{logLevel:"silent"});n+=Object.keys(d.Resources).length}',
  'if(n===0){console.error("no resources");process.exit(1)}',
].join("");
