import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BenchCommand, RunInfo } from "../lib/scenario.js";

/** CloudTrail records in the generated stream. */
export const EVENT_COUNT = 1_000_000;
/** Records per delivered file, as CloudTrail writes them to S3 (one `{"Records":[…]}` per file). */
export const RECORDS_PER_FILE = 1_000;
/** The stream is split into this many folders; the first alone is the short stream for the memory check. */
export const PARTS = 4;
export const SEED = 20_260_301;
/** Sizes of the generated rule sets for the cost-per-rule curve. */
export const RULE_COUNTS = [10, 100, 1_000] as const;

export const name = "detect-cloudtrail";
export const description =
  `mamori detect on ${EVENT_COUNT.toLocaleString("en-US")} generated CloudTrail records (${RECORDS_PER_FILE} per file, seeded) ` +
  "with the upstream cloudtrail rules plus the built-in pack, the same on a quarter of the stream (memory flat?), " +
  "generated rule sets of 10/100/1,000 rules, against reading and JSON.parse of the same files";

/** Deterministic PRNG (mulberry32), so every machine measures the same bytes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** [eventSource, eventName, weight]: mostly reads and data events, a few sensitive changes. */
const EVENTS: [string, string, number][] = [
  ["s3.amazonaws.com", "GetObject", 300],
  ["s3.amazonaws.com", "PutObject", 120],
  ["sts.amazonaws.com", "AssumeRole", 120],
  ["ec2.amazonaws.com", "DescribeInstances", 80],
  ["kms.amazonaws.com", "Decrypt", 80],
  ["sts.amazonaws.com", "GetCallerIdentity", 60],
  ["s3.amazonaws.com", "ListBuckets", 40],
  ["logs.amazonaws.com", "PutLogEvents", 40],
  ["iam.amazonaws.com", "ListUsers", 30],
  ["secretsmanager.amazonaws.com", "GetSecretValue", 30],
  ["lambda.amazonaws.com", "Invoke", 30],
  ["ec2.amazonaws.com", "RunInstances", 10],
  ["signin.amazonaws.com", "ConsoleLogin", 10],
  ["ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", 4],
  ["iam.amazonaws.com", "CreateUser", 2],
  ["iam.amazonaws.com", "CreateAccessKey", 2],
  ["iam.amazonaws.com", "AttachUserPolicy", 2],
  ["s3.amazonaws.com", "PutBucketPolicy", 2],
  ["kms.amazonaws.com", "ScheduleKeyDeletion", 1],
  ["cloudtrail.amazonaws.com", "StopLogging", 1],
  ["guardduty.amazonaws.com", "DeleteDetector", 1],
];
const TOTAL_WEIGHT = EVENTS.reduce((n, e) => n + e[2], 0);
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"];

export function generateRecord(r: () => number, i: number): Record<string, unknown> {
  let pick = r() * TOTAL_WEIGHT;
  let chosen = EVENTS[0] as [string, string, number];
  for (const e of EVENTS) {
    pick -= e[2];
    if (pick < 0) {
      chosen = e;
      break;
    }
  }
  const [source, name] = chosen;
  const user = `user${Math.floor(r() * 200)}`;
  const account = String(100000000000 + Math.floor(r() * 5));
  const assumed = r() < 0.4;
  const error = r() < 0.02 ? { errorCode: "AccessDenied", errorMessage: "User is not authorized" } : {};
  const t = Date.UTC(2026, 2, 1) + i * 50;
  const request: Record<string, unknown> =
    source === "s3.amazonaws.com"
      ? { bucketName: `bucket-${Math.floor(r() * 50)}`, key: `data/${i}.parquet` }
      : name === "ConsoleLogin"
        ? {}
        : { name: `res-${Math.floor(r() * 1000)}`, userName: `user${Math.floor(r() * 200)}` };
  return {
    eventVersion: "1.08",
    userIdentity: assumed
      ? {
          type: "AssumedRole",
          principalId: `AROA${account}:${user}`,
          arn: `arn:aws:sts::${account}:assumed-role/app/${user}`,
          accountId: account,
          sessionContext: {
            sessionIssuer: { type: "Role", userName: "app", arn: `arn:aws:iam::${account}:role/app` },
          },
        }
      : {
          type: "IAMUser",
          principalId: `AIDA${user}`,
          arn: `arn:aws:iam::${account}:user/${user}`,
          accountId: account,
          userName: user,
        },
    eventTime: new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: source,
    eventName: name,
    awsRegion: REGIONS[Math.floor(r() * REGIONS.length)],
    sourceIPAddress: `198.51.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
    userAgent: r() < 0.5 ? "aws-cli/2.15.0 Python/3.11" : "Boto3/1.34.0",
    requestParameters: request,
    responseElements: name === "ConsoleLogin" ? { ConsoleLogin: "Success" } : null,
    ...(name === "ConsoleLogin" ? { additionalEventData: { MFAUsed: r() < 0.9 ? "Yes" : "No" } } : {}),
    ...error,
    requestID: `req-${i}`,
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    readOnly: name.startsWith("Get") || name.startsWith("List") || name.startsWith("Describe"),
    eventType: name === "ConsoleLogin" ? "AwsConsoleSignIn" : "AwsApiCall",
    managementEvent: source !== "s3.amazonaws.com",
    recipientAccountId: account,
  };
}

/** N rules over the event names (real ones first, then names no event has), as a user's rule set grows. */
export function generateRules(count: number): string {
  const names = EVENTS.map((e) => e[1]);
  const out = ["- list: bench_ignored_users\n  items: [user0, user1]\n"];
  for (let i = 0; i < count; i++) {
    const eventName = i < names.length ? names[i] : `BenchEvent${i}`;
    out.push(
      `- rule: Bench rule ${i}\n  desc: generated\n  condition: ct.name = "${eventName}" and not ct.error exists and not ct.user in (bench_ignored_users) and ct.srcip startswith "198.51.${i % 255}."\n` +
        `  output: bench %ct.name by %ct.user from %ct.srcip\n  priority: NOTICE\n  source: aws_cloudtrail\n  tags: [bench]\n`,
    );
  }
  return out.join("\n");
}

export async function prepare(workDir: string): Promise<void> {
  const r = rng(SEED);
  const files = EVENT_COUNT / RECORDS_PER_FILE;
  for (let f = 0; f < files; f++) {
    const part = join(workDir, "trail", `part-${Math.floor((f * PARTS) / files)}`);
    if (f % (files / PARTS) === 0) await mkdir(part, { recursive: true });
    const records = Array.from({ length: RECORDS_PER_FILE }, (_, k) =>
      generateRecord(r, f * RECORDS_PER_FILE + k),
    );
    await writeFile(
      join(part, `111122223333_CloudTrail_us-east-1_${String(f).padStart(5, "0")}.json`),
      JSON.stringify({ Records: records }),
    );
  }
  for (const n of RULE_COUNTS) await writeFile(join(workDir, `rules-${n}.yaml`), generateRules(n));
}

/** The floor: read every file, JSON.parse it and touch each record's event name. */
export const FLOOR_SCRIPT =
  'const fs=require("node:fs"),p=require("node:path");let n=0,c=0;' +
  "const walk=(d)=>{for(const e of fs.readdirSync(d,{withFileTypes:true}).sort((a,b)=>a.name<b.name?-1:1)){const f=p.join(d,e.name);" +
  'if(e.isDirectory())walk(f);else{for(const r of JSON.parse(fs.readFileSync(f,"utf8")).Records){n++;c+=r.eventName.length}}}};' +
  'walk(process.argv[1]);if(n===0){console.error("no records");process.exit(1)}';

const UPSTREAM = "../shared/upstream/falco/plugins/cloudtrail/rules/aws_cloudtrail_rules.yaml";

export function commands(workDir: string, _run: RunInfo): BenchCommand[] {
  const trail = join(workDir, "trail");
  const detect = (label: string, rules: string[], input: string): BenchCommand => ({
    label,
    role: "subject",
    argv: [
      "node",
      "dist/cli/bin.js",
      "detect",
      ...rules.flatMap((r) => ["--rules", r]),
      "--format",
      "json",
      input,
    ],
  });
  return [
    detect("detect: upstream + built-in, 1M events", [UPSTREAM, "rules"], trail),
    detect("detect: upstream + built-in, 250k events", [UPSTREAM, "rules"], join(trail, "part-0")),
    ...RULE_COUNTS.map((n) =>
      detect(`detect: ${n} generated rules, 1M events`, [join(workDir, `rules-${n}.yaml`)], trail),
    ),
    { label: "read + parse, 1M events", role: "floor", argv: ["node", "-e", FLOOR_SCRIPT, trail] },
  ];
}
