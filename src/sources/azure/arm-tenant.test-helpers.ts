/**
 * A saved Azure tenant (a directory of ARM and Microsoft Graph GET responses,
 * as in testdata/live-*) served like the REST reference: Resource Graph
 * queries paged with `$skipToken`, single ARM GETs, child lists paged with
 * `nextLink`, Graph policies under /v1.0, and an App Service managed identity
 * endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER) so a child process's
 * DefaultAzureCredential gets its token here too. Faults (403, 404, a 429 once,
 * a nextLink to another host) are set per path through `faults`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { graphPolicyOf } from "./entra.js";
import { armError, type Handler, type Reply, TEST_TOKEN } from "./https-server.test-helpers.js";
import { parentId, type RawArmResource } from "./normalize.js";

/** The value a managed identity endpoint expects in X-IDENTITY-HEADER. */
export const IDENTITY_HEADER = "local-identity-header";
export const IDENTITY_PATH = "/msi/token";

const lower = (s: string) => s.toLowerCase();

/** Every ARM row and Microsoft Graph document (by lower-case path) of a saved tenant directory. */
function loadTenant(dir: string) {
  const rows: RawArmResource[] = [];
  const graph = new Map<string, unknown>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const doc = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>;
    const policy = graphPolicyOf(doc);
    if (policy === "securityDefaults")
      graph.set("/v1.0/policies/identitysecuritydefaultsenforcementpolicy", doc);
    else if (policy === "authorizationPolicy") graph.set("/v1.0/policies/authorizationpolicy", doc);
    else rows.push(...((doc.data ?? doc.value ?? [doc]) as RawArmResource[]));
  }
  return { rows, graph };
}

/** The Resource Graph table a (lower-case) resource type is queried from. */
export const tableOf = (type: string) =>
  type.startsWith("microsoft.security/")
    ? "securityresources"
    : type.startsWith("microsoft.authorization/")
      ? "authorizationresources"
      : type === "microsoft.resources/subscriptions"
        ? "resourcecontainers"
        : "resources";

/**
 * Resource Graph lists top-level resources only: not children, not diagnostic
 * settings; flow logs are the exception, indexed as tracked resources of their own.
 */
const inResourceGraph = (row: RawArmResource) => {
  const parent = parentId(row.id);
  return (
    !lower(row.type).endsWith("/diagnosticsettings") &&
    // Locks come from the ARM lock list; the live source's Resource Graph queries do not ask for them.
    lower(row.type) !== "microsoft.authorization/locks" &&
    (parent === undefined ||
      /^\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?$/i.test(parent) ||
      lower(row.type) === "microsoft.network/networkwatchers/flowlogs")
  );
};

/** Child collections served as lists (anything else below a resource is a single GET). */
const LISTS = new Set([
  "keys",
  "secrets",
  "firewallrules",
  "administrators",
  "azureadonlyauthentications",
  "configurations",
  "diagnosticsettings",
  "locks",
]);
const LIST_PAGE = 2;

/** What to answer instead of data on one path: an error, a 429 once, or a nextLink to another host. */
export type ArmFault = "403" | "404" | "429-once" | "foreign-next";

export interface ArmTenantOptions {
  /** Faults by lower-case path; a "429-once" is removed once answered. */
  faults?: Map<string, ArmFault>;
  /** Every authenticated request is added as "METHOD path" (lower case), with "@skiptoken" when paged. */
  requests?: string[];
}

export function armTenantHandler(dir: string, options: ArmTenantOptions = {}): Handler {
  const { rows, graph } = loadTenant(dir);
  const faults = options.faults ?? new Map<string, ArmFault>();
  return ({ method, url, body, authorization }) => {
    if (url.pathname === IDENTITY_PATH) return managedIdentityToken(url);
    if (authorization !== `Bearer ${TEST_TOKEN}`)
      return armError(401, "AuthenticationFailed", "no bearer token");
    const path = lower(url.pathname);
    const skip = url.searchParams.get("$skiptoken") ?? url.searchParams.get("$skipToken");
    options.requests?.push(`${method} ${path}${skip ? `@${skip}` : ""}`);
    const fault = faults.get(path);
    if (fault === "429-once") {
      faults.delete(path);
      return { ...armError(429, "TooManyRequests", "Rate limit exceeded"), headers: { "retry-after": "0" } };
    }
    if (fault === "403")
      return armError(
        403,
        path.startsWith("/v1.0/") ? "Authorization_RequestDenied" : "AuthorizationFailed",
        "The client does not have authorization to perform action",
      );
    if (fault === "404") return armError(404, "ResourceNotFound", `The Resource '${path}' was not found.`);
    if (method === "POST" && path === "/providers/microsoft.resourcegraph/resources")
      return resourceGraphReply(rows.filter(inResourceGraph), body);
    if (method !== "GET") return armError(405, "MethodNotAllowed", method);
    if (path.startsWith("/v1.0/")) {
      const doc = graph.get(path);
      return doc ? { status: 200, body: doc } : armError(404, "Request_ResourceNotFound", path);
    }
    const single = rows.find((r) => lower(r.id) === path);
    if (single) return { status: 200, body: single };
    const segments = path.split("/");
    const collection = segments.at(-1) ?? "";
    if (!LISTS.has(collection))
      return armError(404, "ResourceNotFound", `The Resource '${path}' was not found.`);
    const parent =
      collection === "diagnosticsettings" || collection === "locks"
        ? path.slice(0, path.lastIndexOf("/providers/"))
        : segments.slice(0, -1).join("/");
    if (!rows.some((r) => lower(r.id) === parent) && !/^\/subscriptions\/[^/]+$/.test(parent))
      return armError(404, "ResourceNotFound", `The Resource '${parent}' was not found.`);
    // A subscription's lock list holds every lock below it, not only its own.
    const all = rows.filter((r) =>
      collection === "locks"
        ? lower(r.type) === "microsoft.authorization/locks" && lower(r.id).startsWith(`${parent}/`)
        : lower(parentId(r.id) ?? "") === parent && lower(r.type).endsWith(`/${collection}`),
    );
    const start = Number(skip ?? 0);
    const end = start + LIST_PAGE;
    const host = fault === "foreign-next" ? "https://elsewhere.example" : `https://${url.host}`;
    const next =
      end < all.length
        ? `${host}${url.pathname}?api-version=${url.searchParams.get("api-version")}&$skiptoken=${end}`
        : undefined;
    return { status: 200, body: { value: all.slice(start, end), ...(next ? { nextLink: next } : {}) } };
  };
}

/** The App Service managed identity protocol (api-version 2019-08-01). */
function managedIdentityToken(url: URL): Reply {
  const resource = url.searchParams.get("resource");
  if (!resource) return { status: 400, body: { error: "invalid_request", error_description: "no resource" } };
  return {
    status: 200,
    body: {
      access_token: TEST_TOKEN,
      expires_on: String(Math.floor(Date.now() / 1000) + 3600),
      resource,
      token_type: "Bearer",
    },
  };
}

/** Resource Graph's answer from `rows`: the query's first table, the resources table in two pages. */
export function resourceGraphReply(rows: readonly { type: string }[], body: string): Reply {
  const request = JSON.parse(body) as { query: string; options?: { $skipToken?: string } };
  const table = request.query.split(" ")[0] ?? "";
  const all = rows.filter((r) => tableOf(lower(r.type)) === table);
  const half = Math.ceil(all.length / 2);
  const second = request.options?.$skipToken === "page-2";
  const page = table !== "resources" ? all : second ? all.slice(half) : all.slice(0, half);
  const next = table === "resources" && !second ? { $skipToken: "page-2" } : {};
  return {
    status: 200,
    body: { totalRecords: all.length, count: page.length, resultTruncated: "false", ...next, data: page },
  };
}

/** Environment for a child process: DefaultAzureCredential's managed identity source, and trust in the local certificate. */
export function azureChildEnv(endpoint: string, certificateFile: string): Record<string, string> {
  return {
    IDENTITY_ENDPOINT: `${endpoint}${IDENTITY_PATH}`,
    IDENTITY_HEADER,
    NODE_EXTRA_CA_CERTS: certificateFile,
  };
}
