// Generates the server-api corpus through the store's real write path
// (beginScan → recordBatch → completeScan): RESOURCES resources, FINDINGS findings.
import { createHash } from "node:crypto";
import type { Finding, Resource, Severity } from "../../src/model/index.js";
import type { Store } from "../../src/store/index.js";
import { seededRandom } from "../lib/aws-resources.js";

export const RESOURCES = 50_000;
export const FINDINGS_PER_RESOURCE = 2;
export const SEED = 20_261_123;

const SEVERITIES: Severity[] = ["critical", "high", "medium", "low", "info"];
const TYPES = [
  "aws.s3.bucket",
  "aws.ec2.security-group",
  "azure.storage.account",
  "gcp.storage.bucket",
] as const;
const REGIONS = ["us-east-1", "eu-west-1", "ap-northeast-1", "westeurope", "europe-west1"];

export async function fillStore(store: Store, seed = SEED): Promise<void> {
  const random = seededRandom(seed);
  const scanId = await store.beginScan({
    kind: "bench",
    target: "server-api corpus",
    scope: "bench:server-api",
  });
  let resources: Resource[] = [];
  let findings: Finding[] = [];
  for (let i = 0; i < RESOURCES; i++) {
    const type = TYPES[i % TYPES.length] ?? "aws.s3.bucket";
    const provider = type.split(".")[0] as Resource["provider"];
    const account = `${provider}-acct-${Math.floor(random() * 20)}`;
    const resource: Resource = {
      type,
      id: `${type}/${account}/res-${i}`,
      provider,
      account,
      region: REGIONS[Math.floor(random() * REGIONS.length)] ?? "us-east-1",
      name: `res-${i}`,
      tags: { env: random() < 0.5 ? "prod" : "dev", team: `team-${Math.floor(random() * 30)}` },
      properties: { versioning: random() < 0.5, size: Math.floor(random() * 1e6) },
      provenance: { kind: "snapshot", file: "bench" },
    } as Resource;
    resources.push(resource);
    for (let k = 0; k < FINDINGS_PER_RESOURCE; k++) {
      const checkId = `bench.check-${(i + k) % 40}`;
      const failing = random() < 0.6;
      findings.push({
        checkId,
        title: `Bench check ${(i + k) % 40}`,
        status: failing ? "fail" : "pass",
        severity: SEVERITIES[Math.floor(random() * SEVERITIES.length)] ?? "low",
        message: failing ? "the property is not as required" : "ok",
        resource: {
          id: resource.id,
          type: resource.type,
          name: resource.name,
          provider: resource.provider,
          account: resource.account,
          region: resource.region,
        },
        compliance: [],
        fingerprint: createHash("sha256").update(`${checkId}\u0000${resource.id}`).digest("hex").slice(0, 32),
      } as Finding);
    }
    if (resources.length === 1000) {
      await store.recordBatch(scanId, resources, findings);
      resources = [];
      findings = [];
    }
  }
  if (resources.length > 0) await store.recordBatch(scanId, resources, findings);
  await store.completeScan(scanId, {
    resources: RESOURCES,
    checks: 40,
    byStatus: { fail: 0, pass: 0, error: 0, not_applicable: 0 },
    failedBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    muted: 0,
    errors: 0,
    durationMs: 0,
  });
}
