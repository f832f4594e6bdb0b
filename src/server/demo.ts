import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Store } from "../store/index.js";
import { advisoryStore, importAdvisories } from "../vuln/database.js";
import { readSbomFile } from "../vuln/sbom/read.js";
import { runVulnScan } from "../vuln/scan.js";
import type { MamoriServer } from "./app.js";
import { scanSnapshots } from "./posture-scan.js";

/** examples/demo of the repository or of the package, from src/server or dist/server alike. */
export function demoDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples", "demo");
}

export interface DemoLoad {
  scans: number;
  resources: number;
  failing: number;
  alerts: number;
  /** Vulnerabilities found in the demo's SBOMs. */
  vulnerabilities: number;
}

/**
 * Loads the demo environment through Mamori's own code paths: every
 * `*-snapshot*.json` of examples/demo is scanned like `mamori scan` does
 * (files named `…-earlier.json` first, so history and trend have two points),
 * `falco-alerts.json` is posted to the server's Falco ingest endpoint and
 * `k8s-audit.json` (an audit EventList) to its Kubernetes audit webhook, where
 * the detection engine raises alerts when the server has one.
 * `advisories/` is imported like `mamori db import` does, then every
 * `*.cdx.json` SBOM is matched against it and recorded like `mamori sbom`.
 */
export async function loadDemo(
  store: Store,
  app: MamoriServer,
  adminToken: string,
  dir = demoDir(),
): Promise<DemoLoad> {
  const files = readdirSync(dir).sort();
  const snapshots = files.filter((f) => /-snapshot\.(json|jsonl|ya?ml)$/.test(f));
  const earlier = files.filter((f) => /-snapshot-earlier\.(json|jsonl|ya?ml)$/.test(f));
  const load: DemoLoad = { scans: 0, resources: 0, failing: 0, alerts: 0, vulnerabilities: 0 };
  const scan = async (file: string, scopeOf: string) => {
    const result = await scanSnapshots(store, [join(dir, file)], {
      scope: `demo:${scopeOf}`,
      target: `demo/${file}`,
    });
    if (result.errors.length > 0) throw new Error(`demo input ${file}: ${result.errors[0]}`);
    return result;
  };
  for (const file of earlier) {
    await scan(file, file.replace("-earlier", ""));
    load.scans++;
  }
  for (const file of snapshots) {
    const result = await scan(file, file);
    load.scans++;
    load.resources += result.summary.resources;
    load.failing += result.summary.byStatus.fail;
  }
  if (files.includes("falco-alerts.json")) {
    const body = readFileSync(join(dir, "falco-alerts.json"), "utf8");
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/ingest/falco",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      payload: body,
    });
    if (response.statusCode !== 200) throw new Error(`demo input falco-alerts.json: ${response.body}`);
    load.alerts += (response.json() as { alerts: number }).alerts;
  }
  if (files.includes("k8s-audit.json")) {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/ingest/k8s-audit",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      payload: readFileSync(join(dir, "k8s-audit.json"), "utf8"),
    });
    if (response.statusCode !== 200) throw new Error(`demo input k8s-audit.json: ${response.body}`);
    load.alerts += (response.json() as { alerts: number }).alerts;
  }
  if (files.includes("advisories")) {
    await importAdvisories(store, join(dir, "advisories"));
    for (const file of files.filter((f) => f.endsWith(".cdx.json"))) {
      const sbom = readSbomFile(join(dir, file));
      const result = await runVulnScan({
        kind: "sbom",
        target: `demo/${file}`,
        scope: `sbom:${sbom.subject ?? file}`,
        packages: sbom.packages,
        advisories: advisoryStore(store),
        recorder: store,
        tool: app.mamori.context.tool,
      });
      load.scans++;
      load.vulnerabilities += result.findings.length;
    }
  }
  return load;
}
