/** The dashboard's only way to the server: the JSON API with the signed-in token. */

const KEY = "mamori.token";

export function savedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string | null): void {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined | null>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string; file?: { data: Blob; type: string } } = {},
): Promise<T> {
  const token = init.token ?? savedToken();
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | Blob | undefined;
  if (init.file) {
    // Uploads (snapshots, IaC archives) go as they are, typed by the caller.
    headers["content-type"] = init.file.type;
    body = init.file.data;
  } else if (init.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.body);
  }
  const response = await fetch(path, { method: init.method ?? "GET", headers, body });
  if (response.status === 401 && !init.token) onUnauthorized();
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const data = (await response.json()) as { error?: string };
      if (data.error) message = data.error;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads an authenticated file (reports): fetch with the token, then save or open the blob. */
export async function download(path: string, open: boolean): Promise<void> {
  const token = savedToken();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, `${response.status} ${response.statusText}`);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "report";
  if (open) window.open(url, "_blank", "noopener");
  else {
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Severity = "critical" | "high" | "medium" | "low" | "info";
export const SEVERITIES: Severity[] = ["critical", "high", "medium", "low", "info"];
export type SeverityCounts = Record<Severity, number>;

export interface Finding {
  fingerprint: string;
  checkId: string;
  title: string;
  severity: Severity;
  status: string;
  state: "open" | "muted" | "resolved";
  message: string;
  resource: {
    id: string;
    type: string;
    name: string;
    provider: string;
    account: string | null;
    region: string | null;
  };
  evidence: unknown;
  remediation: string | null;
  mute: { id: string | null; reason: string | null; owner: string | null; expiresAt: string | null } | null;
  firstSeen: string;
  lastSeen: string;
}

export interface ResourceItem {
  id: string;
  type: string;
  provider: string;
  account: string | null;
  region: string | null;
  name: string;
  tags: Record<string, string>;
  openFindings: number;
  risk: number;
  lastSeen: string;
}

export interface Summary {
  findings: { open: SeverityCounts; muted: SeverityCounts };
  frameworks: { id: string; name: string; score: number | null; controls: Record<string, number> }[];
  providers: { provider: string; score: number | null; resources: number; openFindings: SeverityCounts }[];
  accounts: {
    account: string;
    provider: string;
    score: number | null;
    resources: number;
    openFindings: SeverityCounts;
  }[];
  topResources: {
    id: string;
    type: string;
    name: string;
    provider: string;
    account: string | null;
    risk: number;
    openFindings: number;
  }[];
  resources: number;
  scans: number;
  lastScanAt: string | null;
}

export interface TrendPoint {
  scanId: string;
  at: string;
  scope: string;
  open: SeverityCounts;
}

export interface Control {
  id: string;
  title: string;
  section: string | null;
  automated: boolean;
  checkIds: string[];
  status: string;
  passingResources: number;
  failingResources: number;
  mutedResources: number;
}

export interface Alert {
  id: string;
  time: string;
  rule: string;
  priority: string;
  source: string;
  output: string;
  tags: string[];
  hostname?: string;
}

export interface Incident {
  id: string;
  actor: string;
  first: string;
  last: string;
  alerts: number;
  priority: string;
  status: "open" | "closed";
  rules: string[];
  sources: string[];
  hostnames: string[];
}

export interface IncidentDetail extends Incident {
  items: (Alert & { fields: Record<string, unknown> })[];
}

export interface VulnImage {
  image: string;
  name: string;
  kind: string;
  lastScan: string | null;
  packages: number;
  vulnerablePackages: number;
  vulnerabilities: number;
  fixable: number;
  bySeverity: SeverityCounts;
  risk: number;
}

export interface VulnPackage {
  package: string;
  version: string | null;
  ecosystem: string | null;
  purl: string | null;
  severity: Severity;
  vulnerabilities: number;
  fixable: number;
  bySeverity: SeverityCounts;
  images: string[];
  fixedVersions: string[];
}

export interface Vulnerability {
  fingerprint: string;
  id: string;
  title: string;
  severity: Severity;
  state: "open" | "muted" | "resolved";
  image: string;
  imageName: string;
  package: string;
  version: string | null;
  ecosystem: string | null;
  fixable: boolean;
  fixedVersions: string[];
  message: string;
}

export interface AdvisoryDetail {
  id: string;
  title: string;
  severity: Severity | null;
  aliases: string[];
  summary: string | null;
  details: string | null;
  published: string | null;
  modified: string | null;
  references: { type?: string; url?: string }[];
  affected: Vulnerability[];
}

export interface ScanSummaryCounts {
  resources?: number;
  checks?: number;
  byStatus?: Partial<Record<"pass" | "fail" | "error" | "not_applicable", number>>;
  failedBySeverity?: Partial<SeverityCounts>;
  muted?: number;
  errors?: number;
}

export interface Scan {
  id: string;
  kind: string;
  target: string;
  scope: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  summary: ScanSummaryCounts | null;
  changes: { new: number; reopened: number; stillOpen: number; resolved: number } | null;
  error: string | null;
}

export interface CloudAccount {
  name: string;
  provider: string;
  options?: Record<string, unknown>;
}

export type JobStatus = "queued" | "running" | "completed" | "failed";

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  createdBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  log: { at: string; message: string }[];
  result?: { scanId?: string; summary?: ScanSummaryCounts; files?: number; errors?: number };
  error?: string;
}
