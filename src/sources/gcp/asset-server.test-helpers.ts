/**
 * Saved Google Cloud projects (asset export JSON lines, as in testdata/)
 * served on loopback like the REST references: Cloud Asset `assets.list`,
 * Logging sinks/metrics, Monitoring alert policies, Compute `projects.get`,
 * Access Approval settings, Essential Contacts `contacts:compute` (a project
 * whose id contains "hardened" has one contact for ALL categories, any other
 * only a TECHNICAL one), Cloud SQL `instances.list`, paged with
 * `nextPageToken`; plus an STS token exchange for an `external_account` ADC
 * file, so Application Default Credentials (in this process or a child's)
 * authenticate here. A project whose id starts with "denied-" answers 403, as
 * for a credential without access; other faults (429 with Retry-After, 403,
 * 404) are set per path through `faults`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TOKEN = "ya29.local-cli-token";
const SUBJECT = "local-subject-token";

type AssetDoc = { name: string; assetType: string; resource?: { data?: unknown }; iamPolicy?: unknown };

/** An answer forced instead of data: once (e.g. a 429) or on every request (403, 404). */
export interface GcpFault {
  status: number;
  once?: boolean;
  headers?: Record<string, string>;
}

export interface GcpTestServer {
  endpoint: string;
  /** An `external_account` ADC file whose token exchange goes to this server. */
  credentialsFile: string;
  /** Faults by path, or by "path contentType" for one Cloud Asset content type. */
  faults: Map<string, GcpFault>;
  /** Every authenticated request as "path contentType pageToken" (empty parts left out). */
  seen: string[];
  /** How many token exchanges were answered. */
  readonly tokenRequests: number;
  close(): void;
}

const STATUS_NAMES: Record<number, string> = {
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Serves each project from its asset export file. */
export async function startGcpServer(files: Record<string, string>): Promise<GcpTestServer> {
  const faults = new Map<string, GcpFault>();
  const seen: string[] = [];
  let tokenRequests = 0;
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
  /** `size` items per page (at most 2, fewer if pageSize asks), with a nextPageToken while more remain. */
  const page = (
    res: ServerResponse,
    url: URL,
    field: string,
    items: unknown[],
    extra: object = {},
    largest = 2,
  ) => {
    const size = Math.min(Number(url.searchParams.get("pageSize") ?? largest) || largest, largest);
    const start = Number(url.searchParams.get("pageToken") ?? 0);
    const next = start + size < items.length ? String(start + size) : undefined;
    send(res, 200, {
      ...extra,
      [field]: items.slice(start, start + size),
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
        tokenRequests++;
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
      const contentType = url.searchParams.get("contentType");
      seen.push(`${url.pathname} ${contentType ?? ""} ${url.searchParams.get("pageToken") ?? ""}`.trim());
      const key = [`${url.pathname} ${contentType}`, url.pathname].find((k) => faults.has(k));
      const fault = key === undefined ? undefined : faults.get(key);
      if (key !== undefined && fault) {
        if (fault.once) faults.delete(key);
        const error = {
          code: fault.status,
          status: STATUS_NAMES[fault.status],
          message: `test fault ${fault.status}`,
        };
        return send(res, fault.status, { error }, fault.headers);
      }
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
      match = /^\/v1\/projects\/([^/]+)\/contacts:compute$/.exec(url.pathname);
      // Contacts are not in Cloud Asset exports, so they are made up here, one a page.
      if (match) {
        const hardened = (match[1] as string).includes("hardened");
        const contacts = hardened
          ? [
              {
                name: "organizations/998877/contacts/1",
                email: "security@example.com",
                notificationCategorySubscriptions: ["ALL"],
              },
              {
                name: `projects/${match[1]}/contacts/2`,
                email: "ops@example.com",
                notificationCategorySubscriptions: ["TECHNICAL"],
              },
            ]
          : [
              {
                name: `projects/${match[1]}/contacts/1`,
                email: "dev@example.com",
                notificationCategorySubscriptions: ["TECHNICAL"],
              },
            ];
        return page(res, url, "contacts", contacts, {}, 1);
      }
      match = /^\/v1\/projects\/([^/]+)\/accessApprovalSettings$/.exec(url.pathname);
      if (match) {
        const settings = dataOf(
          match[1] as string,
          "accessapproval.googleapis.com/AccessApprovalSettings",
        )[0];
        // A project that never enrolled has no settings resource.
        if (!settings)
          return send(res, 404, { error: { code: 404, status: "NOT_FOUND", message: "not found" } });
        return send(res, 200, settings);
      }
      match = /^\/v1\/projects\/([^/]+)\/instances$/.exec(url.pathname);
      // One instance a page, so that the Admin API's paging is exercised too.
      if (match)
        return page(
          res,
          url,
          "items",
          dataOf(match[1] as string, "sqladmin.googleapis.com/Instance"),
          {
            kind: "sql#instancesList",
          },
          1,
        );
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
  return {
    endpoint,
    credentialsFile,
    faults,
    seen,
    get tokenRequests() {
      return tokenRequests;
    },
    close: () => server.close(),
  };
}
