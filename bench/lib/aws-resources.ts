import type { Resource } from "../../src/model/index.js";

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (random: Random, p: number): boolean => random() < p;
const hex = (random: Random, length: number): string =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join("");

const ACCOUNTS = ["111111111111", "222222222222", "333333333333", "444444444444", "555555555555"];
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1"];
const TEAMS = ["platform", "payments", "data", "web", "ml", "security", "growth"];
const ENVS = ["prod", "staging", "dev", "sandbox"];
const PURPOSES = [
  "logs",
  "assets",
  "backups",
  "exports",
  "reports",
  "uploads",
  "archive",
  "state",
  "artifacts",
];
const SG_NAMES = [
  "web-alb",
  "bastion",
  "app-servers",
  "db-private",
  "cache",
  "workers",
  "windows-jump",
  "debug",
  "monitoring",
];
const COLLECTED_AT = "2026-01-01T00:00:00Z";
const OWNER_ID = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const UNKNOWN = { $unknown: true, reason: "computed at apply time" };

function tags(random: Random): Record<string, string> {
  const out: Record<string, string> = {};
  if (chance(random, 0.9)) out.owner = pick(random, TEAMS);
  if (chance(random, 0.8)) out.env = pick(random, ENVS);
  if (chance(random, 0.2)) out.data = pick(random, ["pci", "pii", "public", "internal"]);
  return out;
}

function publicAccessBlock(random: Random): Record<string, boolean> | null {
  const roll = random();
  if (roll < 0.15) return null;
  const all = roll < 0.8;
  const flag = () => all || chance(random, 0.5);
  return {
    blockPublicAcls: flag(),
    ignorePublicAcls: flag(),
    blockPublicPolicy: flag(),
    restrictPublicBuckets: flag(),
  };
}

function bucketPolicy(random: Random, arn: string): unknown {
  const roll = random();
  if (roll < 0.01) return UNKNOWN;
  if (roll < 0.35) return null;
  const statements: unknown[] = [];
  if (roll < 0.85) {
    statements.push({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  }
  if (chance(random, 0.25)) {
    statements.push({
      Sid: "PublicRead",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: `${arn}/*`,
    });
  }
  if (statements.length === 0 || chance(random, 0.3)) {
    statements.push({
      Sid: "CrossAccountRead",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${pick(random, ACCOUNTS)}:root` },
      Action: ["s3:GetObject", "s3:ListBucket"],
      Resource: [arn, `${arn}/*`],
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

function bucket(random: Random, i: number): Resource {
  const account = pick(random, ACCOUNTS);
  const region = pick(random, REGIONS);
  const name = `bench-${pick(random, TEAMS)}-${pick(random, PURPOSES)}-${i.toString().padStart(5, "0")}`;
  const arn = `arn:aws:s3:::${name}`;
  const grants: unknown[] = [
    { grantee: { type: "CanonicalUser", id: OWNER_ID }, permission: "FULL_CONTROL" },
  ];
  if (chance(random, 0.1))
    grants.push({ grantee: { type: "Group", uri: ALL_USERS }, permission: pick(random, ["READ", "WRITE"]) });
  if (chance(random, 0.05))
    grants.push({ grantee: { type: "Group", uri: AUTHENTICATED_USERS }, permission: "READ" });
  const versioning = pick(random, ["Enabled", "Enabled", "Enabled", "Suspended", "Disabled"] as const);
  const algorithm = pick(random, ["AES256", "aws:kms", "aws:kms", "aws:kms:dsse", null] as const);
  return {
    type: "aws.s3.bucket",
    id: arn,
    provider: "aws",
    account,
    region,
    name,
    tags: tags(random),
    properties: {
      publicAccessBlock: publicAccessBlock(random),
      accountPublicAccessBlock: chance(random, 0.3)
        ? {
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: true,
            restrictPublicBuckets: true,
          }
        : null,
      policy: bucketPolicy(random, arn),
      acl: { grants },
      ownership: pick(random, [
        "BucketOwnerEnforced",
        "BucketOwnerEnforced",
        "BucketOwnerPreferred",
        "ObjectWriter",
        null,
      ]),
      encryption:
        algorithm === null
          ? null
          : {
              rules: [
                algorithm === "AES256"
                  ? { algorithm }
                  : {
                      algorithm,
                      kmsKeyId: `arn:aws:kms:${region}:${account}:key/${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-8${hex(random, 3)}-${hex(random, 12)}`,
                      bucketKeyEnabled: chance(random, 0.7),
                    },
              ],
            },
      versioning: {
        status: versioning,
        mfaDelete: versioning === "Enabled" && chance(random, 0.3) ? "Enabled" : "Disabled",
      },
      logging: chance(random, 0.55)
        ? { targetBucket: `bench-access-logs-${account}`, targetPrefix: `${name}/` }
        : null,
    },
    provenance: { kind: "snapshot", file: "snapshot.json", collectedAt: COLLECTED_AT },
  };
}

const PORTS = [22, 3389, 80, 443, 5432, 3306, 6379, 8080, 9200, 27017];
const PRIVATE_CIDRS = ["10.0.0.0/8", "10.20.0.0/16", "172.16.0.0/12", "192.168.1.0/24", "203.0.113.10/32"];

function ingressRule(random: Random, groupIds: readonly string[]): Record<string, unknown> {
  const roll = random();
  const rule: Record<string, unknown> = {};
  if (roll < 0.06) rule.protocol = "-1";
  else if (roll < 0.1) {
    rule.protocol = "icmp";
    rule.fromPort = -1;
    rule.toPort = -1;
  } else {
    rule.protocol = chance(random, 0.9) ? "tcp" : "udp";
    if (chance(random, 0.08)) {
      rule.fromPort = 0;
      rule.toPort = 65535;
    } else if (chance(random, 0.1)) {
      rule.fromPort = 1024;
      rule.toPort = pick(random, [2048, 8191, 65535]);
    } else {
      const port = pick(random, PORTS);
      rule.fromPort = port;
      rule.toPort = port;
    }
  }
  const open = chance(random, 0.2);
  rule.ipv4Ranges = open ? ["0.0.0.0/0"] : chance(random, 0.7) ? [pick(random, PRIVATE_CIDRS)] : [];
  rule.ipv6Ranges = chance(random, open ? 0.4 : 0.03) ? ["::/0"] : [];
  rule.prefixListIds = chance(random, 0.05) ? [`pl-${hex(random, 8)}`] : [];
  rule.securityGroups = chance(random, 0.25) && groupIds.length > 0 ? [pick(random, groupIds)] : [];
  if (chance(random, 0.5))
    rule.description = pick(random, ["https", "ssh from office", "app traffic", "temporary", "monitoring"]);
  return rule;
}

const ALL_EGRESS = {
  protocol: "-1",
  ipv4Ranges: ["0.0.0.0/0"],
  ipv6Ranges: [],
  prefixListIds: [],
  securityGroups: [],
};

function securityGroup(random: Random, i: number, recent: string[]): Resource {
  const account = pick(random, ACCOUNTS);
  const region = pick(random, REGIONS);
  const groupId = `sg-${i.toString(16).padStart(5, "0")}${hex(random, 12)}`;
  const vpcId = `vpc-${hex(random, 8)}`;
  const isDefault = chance(random, 0.1);
  const groupName = isDefault ? "default" : `${pick(random, SG_NAMES)}-${i}`;
  let ingress: unknown[];
  let egress: unknown[];
  if (isDefault && chance(random, 0.5)) {
    ingress = [];
    egress = [];
  } else if (isDefault) {
    ingress = [
      { protocol: "-1", ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], securityGroups: [groupId] },
    ];
    egress = [ALL_EGRESS];
  } else {
    ingress = Array.from({ length: Math.floor(random() * 6) }, () => ingressRule(random, recent));
    egress = chance(random, 0.85)
      ? [ALL_EGRESS]
      : [{ ...ALL_EGRESS, protocol: "tcp", fromPort: 443, toPort: 443 }];
  }
  recent.push(groupId);
  if (recent.length > 50) recent.shift();
  return {
    type: "aws.ec2.security-group",
    id: `arn:aws:ec2:${region}:${account}:security-group/${groupId}`,
    provider: "aws",
    account,
    region,
    name: groupName,
    tags: tags(random),
    properties: {
      groupId,
      groupName,
      description: isDefault ? "default VPC security group" : `${groupName} security group`,
      vpcId,
      ingress,
      egress,
    },
    provenance: { kind: "snapshot", file: "snapshot.json", collectedAt: COLLECTED_AT },
  };
}

/**
 * `count` canonical resources in the shape of examples/demo/aws-snapshot.json: about 55 %
 * `aws.s3.bucket` and 45 % `aws.ec2.security-group`, with settings that pass and fail each
 * built-in check in varied proportions. The same seed always gives the same resources.
 */
export function generateAwsResources(count: number, seed = 1): Resource[] {
  const random = seededRandom(seed);
  const recentGroups: string[] = [];
  return Array.from({ length: count }, (_, i) =>
    random() < 0.55 ? bucket(random, i) : securityGroup(random, i, recentGroups),
  );
}
