/**
 * Saved Google Cloud projects (asset export JSON lines, as in testdata/)
 * served on loopback like the REST references: Cloud Asset `assets.list`,
 * Logging sinks/metrics, Monitoring alert policies, Compute `projects.get`,
 * Cloud SQL `instances.list`, paged with `nextPageToken`; plus an STS token
 * exchange for an `external_account` ADC file, so a child process's
 * Application Default Credentials authenticate here. A project whose id starts
 * with "denied-" answers 403, as for a credential without access. For tests that run the CLI.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TOKEN = "ya29.local-cli-token";
const SUBJECT = "local-subject-token";

type AssetDoc = { name: string; assetType: string; resource?: { data?: unknown }; iamPolicy?: unknown };

export interface GcpTestServer {
  endpoint: string;
  /** An `external_account` ADC file whose token exchange goes to this server. */
  credentialsFile: string;
  close(): void;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Serves each project from its asset export file. */
export async function startGcpServer(files: Record<string, string>): Promise<GcpTestServer> {
  const docs: Record<string, AssetDoc[]> = Object.fromEntries(
    Object.entries(files).map(([project, file]) => [
      project,
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as AssetDoc),
    ]),
  );
  const dataOf = (project: string, type: string) =>
    (docs[project] ?? [])
      .filter((d) => d.assetType === type && d.resource?.data)
      .map((d) => d.resource?.data);
  /** Two items per page, with a nextPageToken while more remain. */
  const page = (res: ServerResponse, url: URL, field: string, items: unknown[], extra: object = {}) => {
    const start = Number(url.searchParams.get("pageToken") ?? 0);
    const next = start + 2 < items.length ? String(start + 2) : undefined;
    send(res, 200, {
      ...extra,
      [field]: items.slice(start, start + 2),
      ...(next ? { nextPageToken: next } : {}),
    });
  };

  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "POST" && url.pathname === "/token") {
        if (new URLSearchParams(body).get("subject_token") !== SUBJECT)
          return send(res, 400, { error: "invalid_grant" });
        return send(res, 200, {
          access_token: TOKEN,
          issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
          token_type: "Bearer",
          expires_in: 3600,
        });
      }
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return send(res, 401, {
          error: { code: 401, status: "UNAUTHENTICATED", message: "no bearer token" },
        });
      let match = /^\/v1\/(projects|organizations|folders)\/([^/]+)\/assets$/.exec(url.pathname);
      if (match?.[2]?.startsWith("denied-"))
        return send(res, 403, {
          error: { code: 403, status: "PERMISSION_DENIED", message: "The caller does not have permission" },
        });
      if (match) {
        const projects = match[1] === "projects" ? [match[2] as string] : Object.keys(docs);
        const types = new Set(url.searchParams.getAll("assetTypes"));
        const iam = url.searchParams.get("contentType") === "IAM_POLICY";
        const assets = projects
          .flatMap((p) => docs[p] ?? [])
          .filter((d) => types.has(d.assetType) && (iam ? d.iamPolicy : d.resource))
          .map(({ resource, iamPolicy, ...rest }) => (iam ? { ...rest, iamPolicy } : { ...rest, resource }));
        return page(res, url, "assets", assets, { readTime: "2026-11-23T10:00:00Z" });
      }
      match = /^\/v2\/projects\/([^/]+)\/(sinks|metrics)$/.exec(url.pathname);
      if (match) {
        const type =
          match[2] === "sinks" ? "logging.googleapis.com/LogSink" : "logging.googleapis.com/LogMetric";
        return page(res, url, match[2] as string, dataOf(match[1] as string, type));
      }
      match = /^\/v3\/projects\/([^/]+)\/alertPolicies$/.exec(url.pathname);
      if (match)
        return page(
          res,
          url,
          "alertPolicies",
          dataOf(match[1] as string, "monitoring.googleapis.com/AlertPolicy"),
        );
      match = /^\/compute\/v1\/projects\/([^/]+)$/.exec(url.pathname);
      if (match) {
        const project = dataOf(match[1] as string, "compute.googleapis.com/Project")[0] as object | undefined;
        return send(res, 200, { kind: "compute#project", name: match[1], ...project });
      }
      match = /^\/v1\/projects\/([^/]+)\/instances$/.exec(url.pathname);
      if (match)
        return send(res, 200, {
          kind: "sql#instancesList",
          items: dataOf(match[1] as string, "sqladmin.googleapis.com/Instance"),
        });
      send(res, 404, { error: { code: 404, status: "NOT_FOUND", message: `no route ${url.pathname}` } });
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), "mamori-gcp-adc-"));
  writeFileSync(join(dir, "subject-token"), SUBJECT);
  const credentialsFile = join(dir, "adc.json");
  writeFileSync(
    credentialsFile,
    JSON.stringify({
      type: "external_account",
      audience: "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/providers/local",
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      token_url: `${endpoint}/token`,
      credential_source: { file: join(dir, "subject-token") },
    }),
  );
  return { endpoint, credentialsFile, close: () => server.close() };
}
