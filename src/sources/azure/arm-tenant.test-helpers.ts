/**
 * A saved Azure tenant (a directory of ARM GET responses, as in testdata/live-*)
 * served like the REST reference: Resource Graph queries paged with
 * `$skipToken`, single ARM GETs, child lists, and an App Service managed
 * identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER) so a child process's
 * DefaultAzureCredential gets its token here too. For tests that run the CLI.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { graphPolicyOf } from "./entra.js";
import { armError, type Handler, type Reply } from "./https-server.test-helpers.js";
import { parentId, type RawArmResource } from "./normalize.js";

/** The value a managed identity endpoint expects in X-IDENTITY-HEADER. */
export const IDENTITY_HEADER = "local-identity-header";
export const IDENTITY_PATH = "/msi/token";
const TOKEN = "local-msi-token";

const lower = (s: string) => s.toLowerCase();

/** ARM rows of a saved tenant directory (Microsoft Graph policies left out: a custom endpoint skips Graph). */
function loadRows(dir: string): RawArmResource[] {
  const rows: RawArmResource[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const doc = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>;
    if (graphPolicyOf(doc) === undefined)
      rows.push(...((doc.data ?? doc.value ?? [doc]) as RawArmResource[]));
  }
  return rows;
}

const tableOf = (type: string) =>
  type.startsWith("microsoft.security/")
    ? "securityresources"
    : type.startsWith("microsoft.authorization/")
      ? "authorizationresources"
      : type === "microsoft.resources/subscriptions"
        ? "resourcecontainers"
        : "resources";

/** Resource Graph lists top-level resources only: not children, not diagnostic settings. */
const inResourceGraph = (row: RawArmResource) => {
  const parent = parentId(row.id);
  return (
    !lower(row.type).endsWith("/diagnosticsettings") &&
    (parent === undefined || /^\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?$/i.test(parent))
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
]);

export function armTenantHandler(dir: string): Handler {
  const rows = loadRows(dir);
  return ({ method, url, body, authorization }) => {
    if (url.pathname === IDENTITY_PATH) return managedIdentityToken(url);
    if (authorization !== `Bearer ${TOKEN}`) return armError(401, "AuthenticationFailed", "no bearer token");
    const path = lower(url.pathname);
    if (method === "POST" && path === "/providers/microsoft.resourcegraph/resources")
      return resourceGraph(rows, body);
    if (method !== "GET") return armError(405, "MethodNotAllowed", method);
    const single = rows.find((r) => lower(r.id) === path);
    if (single) return { status: 200, body: single };
    const segments = path.split("/");
    const collection = segments.at(-1) ?? "";
    if (!LISTS.has(collection))
      return armError(404, "ResourceNotFound", `The Resource '${path}' was not found.`);
    const parent =
      collection === "diagnosticsettings"
        ? path.slice(0, path.lastIndexOf("/providers/"))
        : segments.slice(0, -1).join("/");
    const value = rows.filter(
      (r) => lower(parentId(r.id) ?? "") === parent && lower(r.type).endsWith(`/${collection}`),
    );
    return { status: 200, body: { value } };
  };
}

/** The App Service managed identity protocol (api-version 2019-08-01). */
function managedIdentityToken(url: URL): Reply {
  const resource = url.searchParams.get("resource");
  if (!resource) return { status: 400, body: { error: "invalid_request", error_description: "no resource" } };
  return {
    status: 200,
    body: {
      access_token: TOKEN,
      expires_on: String(Math.floor(Date.now() / 1000) + 3600),
      resource,
      token_type: "Bearer",
    },
  };
}

/** Resource Graph: the first table in the query, the resources table in two pages. */
function resourceGraph(rows: RawArmResource[], body: string): Reply {
  const request = JSON.parse(body) as { query: string; options?: { $skipToken?: string } };
  const table = request.query.split(" ")[0] ?? "";
  const all = rows.filter((r) => inResourceGraph(r) && tableOf(lower(r.type)) === table);
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
