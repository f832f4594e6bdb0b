/**
 * Whether each cloud has credentials configured, for `mamori cloud all`. Each
 * test is cheap and changes nothing: the SDKs' own credential lookups, never
 * an inventory call. A provider without credentials is skipped, not an error.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export type Detection = { configured: true; via: string } | { configured: false; reason: string };

/** An error's message on one line, short enough for a status line. */
export function oneLine(error: unknown, max = 240): string {
  const text = (error instanceof Error ? error.message : String(error))
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("; ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** AWS: a named profile or endpoint counts as configured; otherwise the SDK's default chain must resolve. */
export async function detectAws(options: { profile?: string; endpointUrl?: string }): Promise<Detection> {
  if (options.profile) return { configured: true, via: `--aws-profile ${options.profile}` };
  if (options.endpointUrl) return { configured: true, via: "--aws-endpoint-url" };
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { fromNodeProviderChain } = await import("@aws-sdk/credential-providers");
  try {
    await fromNodeProviderChain()();
    return { configured: true, via: "default credential chain" };
  } catch (error) {
    return { configured: false, reason: oneLine(error) };
  }
}

/** Variables that configure one of DefaultAzureCredential's sources (service principal, workload or managed identity). */
const AZURE_VARIABLES = [
  "AZURE_CLIENT_ID",
  "AZURE_TENANT_ID",
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PATH",
  "AZURE_FEDERATED_TOKEN_FILE",
  "AZURE_USERNAME",
  "AZURE_TOKEN_CREDENTIALS",
  "IDENTITY_ENDPOINT",
  "MSI_ENDPOINT",
] as const;

/** `az login` leaves the signed-in subscriptions in azureProfile.json; `az logout` empties the list. */
function azureCliSignedIn(): boolean {
  const file = join(process.env.AZURE_CONFIG_DIR ?? join(homedir(), ".azure"), "azureProfile.json");
  if (!existsSync(file)) return false;
  try {
    const profile = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, "")) as {
      subscriptions?: unknown[];
    };
    return Array.isArray(profile.subscriptions) && profile.subscriptions.length > 0;
  } catch {
    return false;
  }
}

/**
 * Azure: DefaultAzureCredential must hand out a token for Resource Manager. It is asked only
 * when something configures one of its sources: with nothing set it would probe the instance
 * metadata address, a network call (and a second's wait) on every machine outside Azure. On an
 * Azure VM with only a system-assigned identity, set AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential.
 */
export async function detectAzure(options: { tenant?: string; endpoint?: string }): Promise<Detection> {
  const variable = AZURE_VARIABLES.find((name) => process.env[name]);
  const via = variable ?? (azureCliSignedIn() ? "Azure CLI login" : undefined);
  if (!via)
    return {
      configured: false,
      reason: "no AZURE_* credential variables, managed identity endpoint or Azure CLI login",
    };
  const { DefaultAzureCredential } = await import("@azure/identity");
  const credential = new DefaultAzureCredential(options.tenant ? { tenantId: options.tenant } : {});
  const resource = (options.endpoint ?? "https://management.azure.com").replace(/\/+$/, "");
  try {
    await credential.getToken(`${resource}/.default`);
    return { configured: true, via };
  } catch (error) {
    return { configured: false, reason: `${via}: ${oneLine(error)}` };
  }
}

/**
 * GCP: Application Default Credentials must be found (GOOGLE_APPLICATION_CREDENTIALS, gcloud's
 * ADC file, the metadata server unless METADATA_SERVER_DETECTION=none). No token is fetched.
 * A known project (`--gcp-projects`, GOOGLE_CLOUD_PROJECT) spares the library its own search for
 * one, which asks gcloud, the metadata server or Resource Manager. Without one (`wantProject`),
 * that search runs and gives the default project to scan.
 */
export async function detectGcp(
  knownProject: string | undefined,
  wantProject: boolean,
): Promise<Detection & { project?: string }> {
  const { GoogleAuth } = await import("google-auth-library");
  const projectId = process.env.GOOGLE_CLOUD_PROJECT ?? knownProject;
  const auth = new GoogleAuth({
    scopes: ["https://www.googleapis.com/auth/cloud-platform"],
    ...(projectId ? { projectId } : {}),
  });
  try {
    await auth.getClient();
  } catch (error) {
    return { configured: false, reason: oneLine(error) };
  }
  const via = process.env.GOOGLE_APPLICATION_CREDENTIALS
    ? "GOOGLE_APPLICATION_CREDENTIALS"
    : "Application Default Credentials";
  if (!wantProject) return { configured: true, via };
  const project = await auth.getProjectId().catch(() => undefined);
  return { configured: true, via, ...(project ? { project } : {}) };
}
