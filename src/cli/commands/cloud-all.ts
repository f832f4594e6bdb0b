/**
 * `mamori cloud all`: every cloud whose credentials are configured, scanned
 * through the same collect + evaluate + record core as `cloud aws|azure|gcp`,
 * each recorded as its own scan (own scope, so findings resolve per
 * provider), reported together in one report.
 */
import { Command } from "commander";
import type { Finding, ScanReport, ScanSummary } from "../../model/index.js";
import { REPORT_FORMATS, type ReportFormat } from "../../report/index.js";
import { byReportOrder, type PostureScanResult } from "../../scan/posture.js";
import {
  addOutputOption,
  addStoreOptions,
  findFramework,
  formatOption,
  loadAllFrameworks,
  openConfiguredStore,
  parseFailOn,
  TOOL,
  useColor as terminalWantsColor,
} from "../context.js";
import { UsageError } from "../errors.js";
import { writePostureReport } from "../posture-output.js";
import { type AwsCollectOptions, collectAws, parseOptions as parseAwsOptions } from "./cloud.js";
import {
  evaluateInventory,
  type InventorySource,
  type PostureContext,
  parseSubscriptions,
  primeInventory,
  readAzureLive,
} from "./cloud-azure.js";
import { type Detection, detectAws, detectAzure, detectGcp, oneLine } from "./cloud-credentials.js";
import { parseEndpoint, parseScope, readGcpLive, type Scope } from "./cloud-gcp.js";

const PROVIDERS = ["aws", "azure", "gcp"] as const;
type Provider = (typeof PROVIDERS)[number];

interface CloudAllOptions {
  providers: string;
  awsProfile?: string;
  awsRegions?: string;
  awsEndpointUrl?: string;
  awsConcurrency: string;
  azureSubscriptions?: string;
  azureTenant?: string;
  azureEndpoint?: string;
  gcpProjects?: string;
  gcpOrganization?: string;
  gcpFolder?: string;
  gcpEndpoint?: string;
  format: ReportFormat;
  output?: string;
  failOn?: string;
  includePassed?: boolean;
  checksDir?: string;
  dataDir?: string;
  store: boolean;
  compliance?: string[];
}

/** A provider ready to scan: its credentials were found, its options are valid. */
interface Plan {
  provider: Provider;
  via: string;
  collect: () => Promise<InventorySource>;
}

export function allCommand(): Command {
  const command = new Command("all")
    .summary("scan every cloud (AWS, Azure, GCP) whose credentials are configured, in one report")
    .description(
      "Look for each cloud's credentials without any inventory call: AWS's default\n" +
        "credential chain (or --aws-profile), DefaultAzureCredential (AZURE_* variables,\n" +
        "managed identity, Azure CLI), Google Application Default Credentials. A cloud\n" +
        "without credentials is skipped with the reason. Each cloud is scanned like\n" +
        "`mamori cloud aws|azure|gcp` and recorded as its own scan; a cloud that fails\n" +
        "is reported and the others go on. One report holds the findings of all.",
    )
    .option("--providers <list>", "comma-separated clouds to consider", PROVIDERS.join(","))
    .option("--aws-profile <name>", "AWS shared-config profile to use")
    .option("--aws-regions <list>", "comma-separated AWS regions (default: every enabled region)")
    .option("--aws-endpoint-url <url>", "send every AWS API call to this URL (moto, LocalStack)")
    .option("--aws-concurrency <n>", "AWS API calls in flight per service and region", "8")
    .option("--azure-subscriptions <ids>", "comma-separated subscription ids (default: all readable)")
    .option("--azure-tenant <id>", "Entra tenant to authenticate against")
    .option("--azure-endpoint <url>", "Resource Manager endpoint (a sovereign cloud, or a test server)")
    .option("--gcp-projects <ids>", "comma-separated project ids (default: the credentials' project)")
    .option("--gcp-organization <id>", "scan every project of this organization")
    .option("--gcp-folder <id>", "scan every project under this folder")
    .option("--gcp-endpoint <url>", "root URL for every Google API (a private endpoint, or a test server)")
    .addOption(formatOption(REPORT_FORMATS, "table"))
    .option("--fail-on <severity>", "exit 1 when a failing finding at or above this severity exists")
    .option("--include-passed", "report passing findings too")
    .option("--checks-dir <dir>", "also run the custom CEL checks in this folder")
    .option(
      "--compliance <frameworks>",
      "print the score of these frameworks after the findings (table format; comma-separated or repeated), e.g. cis-aws-7.0.0,cis-gcp-5.0.0",
      (value: string, previous: string[] | undefined) => [
        ...(previous ?? []),
        ...value.split(",").map((v) => v.trim()),
      ],
    )
    .option("--no-store", "do not record the scans in the store");
  addOutputOption(command);
  addStoreOptions(command);
  return command.action(runAll);
}

async function runAll(options: CloudAllOptions): Promise<void> {
  const failOn = options.failOn === undefined ? undefined : parseFailOn(options.failOn);
  const frameworks = loadAllFrameworks();
  const scored = (options.compliance ?? []).filter(Boolean).map((id) => findFramework(frameworks, id));
  const wanted = parseProviders(options.providers);
  const plans = await planScans(options, wanted);
  if (plans.length === 0)
    throw new UsageError(
      `no cloud credentials configured (${wanted.join(", ")}); see \`mamori cloud all --help\``,
    );

  const store = options.store ? await openConfiguredStore(options) : undefined;
  try {
    const context: PostureContext = {
      store,
      frameworks,
      checksDir: options.checksDir,
      includePassed: options.includePassed,
    };
    const results: { provider: Provider; result: PostureScanResult }[] = [];
    const failures: { provider: Provider; message: string }[] = [];
    const started = new Date();
    for (const plan of plans) {
      try {
        results.push({ provider: plan.provider, result: await scanOne(plan, context) });
      } catch (error) {
        const message = oneLine(error, 400);
        failures.push({ provider: plan.provider, message });
        process.stderr.write(`mamori: ${plan.provider}: failed: ${message}\n`);
      }
    }
    if (results.length === 0)
      throw new UsageError(`every configured cloud failed (${failures.map((f) => f.provider).join(", ")})`);
    const report = combine(results, failures, started);
    writePostureReport({
      report,
      allFindings: results.flatMap(({ result }) => result.allFindings),
      format: options.format,
      output: options.output,
      color: terminalWantsColor(),
      frameworks: scored,
      failOn,
    });
  } finally {
    await store?.close();
  }
}

function parseProviders(list: string): Provider[] {
  const names = list
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((name) => !(PROVIDERS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0)
    throw new UsageError(`--providers ${list}: expected some of ${PROVIDERS.join(", ")}`);
  return PROVIDERS.filter((provider) => names.includes(provider));
}

/** Validates every provider's options first (a typo is a usage error, not a failed cloud), then looks for credentials. */
async function planScans(options: CloudAllOptions, wanted: Provider[]): Promise<Plan[]> {
  const aws: AwsCollectOptions = {
    concurrency: options.awsConcurrency,
    ...(options.awsProfile ? { profile: options.awsProfile } : {}),
    ...(options.awsRegions !== undefined ? { regions: options.awsRegions } : {}),
    ...(options.awsEndpointUrl ? { endpointUrl: options.awsEndpointUrl } : {}),
  };
  awsNames(() => parseAwsOptions(aws));
  const subscriptions = azureNames(() => parseSubscriptions(options.azureSubscriptions));
  if (options.azureTenant !== undefined && !/^[\w.-]+$/.test(options.azureTenant))
    throw new UsageError(`--azure-tenant ${options.azureTenant}: expected a tenant id or domain`);
  const azureEndpoint = azureNames(() => parseEndpoint(options.azureEndpoint));
  const gcpScope = gcpNames(() =>
    parseScope({
      organization: options.gcpOrganization,
      folder: options.gcpFolder,
      projects: options.gcpProjects,
      format: options.format,
      store: options.store,
    }),
  );
  const gcpEndpoint = gcpNames(() => parseEndpoint(options.gcpEndpoint));

  const detect: Record<Provider, () => Promise<Detection & { project?: string }>> = {
    aws: () => detectAws({ profile: options.awsProfile, endpointUrl: options.awsEndpointUrl }),
    azure: () => detectAzure({ tenant: options.azureTenant, endpoint: azureEndpoint }),
    gcp: () =>
      detectGcp(
        gcpScope && "projects" in gcpScope ? gcpScope.projects[0] : undefined,
        gcpScope === undefined,
      ),
  };
  // Independent lookups (files, a token request): side by side.
  const found = await Promise.all(wanted.map((provider) => detect[provider]()));
  const plans: Plan[] = [];
  wanted.forEach((provider, index) => {
    const detection = found[index] as Detection & { project?: string };
    if (!detection.configured) {
      process.stderr.write(`mamori: ${provider}: skipped: no credentials (${detection.reason})\n`);
      return;
    }
    const collect: Record<Provider, () => Promise<InventorySource>> = {
      aws: () => collectAws(aws),
      azure: () => collectAzure(subscriptions, options.azureTenant, azureEndpoint),
      gcp: () => collectGcp(gcpScope ?? defaultProject(detection.project), gcpEndpoint),
    };
    plans.push({ provider, via: detection.via, collect: collect[provider] });
  });
  return plans;
}

/** The shared parsers name `cloud aws|azure|gcp`'s options; here they carry the provider's prefix. */
function renamed<T>(prefix: string, names: RegExp, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(error.message.replace(names, `--${prefix}-$1`));
    throw error;
  }
}
const awsNames = <T>(parse: () => T) => renamed("aws", /--(regions|endpoint-url|concurrency)\b/g, parse);
const azureNames = <T>(parse: () => T) => renamed("azure", /--(subscriptions|endpoint)\b/g, parse);
const gcpNames = <T>(parse: () => T) => renamed("gcp", /--(organization|folder|projects|endpoint)\b/g, parse);

function defaultProject(project: string | undefined): Scope {
  if (!project)
    throw new UsageError(
      "no project in the credentials: give --gcp-projects, --gcp-organization or --gcp-folder, or set GOOGLE_CLOUD_PROJECT",
    );
  return { projects: [project] };
}

async function collectAzure(
  subscriptions: string[] | undefined,
  tenant: string | undefined,
  endpoint: string | undefined,
): Promise<InventorySource> {
  const label = subscriptions ? [...subscriptions].sort().join(",") : "all";
  return {
    target: `azure ${subscriptions ? subscriptions.join(", ") : "all readable subscriptions"}`,
    scope: `azure:live:${label}`,
    live: true,
    items: await primeInventory(() => readAzureLive(subscriptions, tenant, endpoint)),
  };
}

async function collectGcp(scope: Scope, endpoint: string | undefined): Promise<InventorySource> {
  const label =
    "organization" in scope
      ? `organizations/${scope.organization}`
      : "folder" in scope
        ? `folders/${scope.folder}`
        : [...scope.projects].sort().join(",");
  return {
    target: `gcp ${label}`,
    scope: `gcp:live:${label}`,
    live: true,
    items: await primeInventory(() => readGcpLive(scope, endpoint)),
  };
}

async function scanOne(plan: Plan, context: PostureContext): Promise<PostureScanResult> {
  process.stderr.write(`mamori: ${plan.provider}: credentials from ${plan.via}\n`);
  const source = await plan.collect();
  const result = await evaluateInventory(plan.provider, source, context);
  const { summary, scanId } = result.report;
  process.stderr.write(
    `mamori: ${plan.provider}: ${summary.resources} resources, ${summary.byStatus.fail} failing, ` +
      `${summary.byStatus.error} errors${scanId ? ` (scan ${scanId})` : ""}\n`,
  );
  return result;
}

/** One report over every provider: findings merged in report order, the summary summed. */
function combine(
  results: { provider: Provider; result: PostureScanResult }[],
  failures: { provider: Provider; message: string }[],
  started: Date,
): ScanReport {
  const reports = results.map(({ result }) => result.report);
  const findings: Finding[] = reports.flatMap((r) => r.findings).sort(byReportOrder);
  const rules = new Map(reports.flatMap((r) => r.rules).map((rule) => [rule.id, rule]));
  const errors = [
    ...failures.map((f) => ({ source: f.provider, message: f.message })),
    ...reports.flatMap((r) => r.errors),
  ];
  return {
    tool: TOOL,
    startedAt: started.toISOString(),
    target: reports.map((r) => r.target).join("; "),
    findings,
    errors,
    summary: sumSummaries(
      reports.map((r) => r.summary),
      failures.length,
      Date.now() - started.getTime(),
    ),
    rules: [...rules.keys()].sort().map((id) => rules.get(id) as ScanReport["rules"][number]),
  };
}

function sumSummaries(summaries: ScanSummary[], failedProviders: number, durationMs: number): ScanSummary {
  const out: ScanSummary = {
    resources: 0,
    // Every provider runs the same registry: the number of checks is not summed.
    checks: Math.max(0, ...summaries.map((s) => s.checks)),
    byStatus: { fail: 0, pass: 0, error: 0, not_applicable: 0 },
    failedBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    muted: 0,
    errors: failedProviders,
    durationMs,
  };
  for (const s of summaries) {
    out.resources += s.resources;
    out.muted += s.muted;
    out.errors += s.errors;
    for (const key of Object.keys(out.byStatus) as (keyof ScanSummary["byStatus"])[])
      out.byStatus[key] += s.byStatus[key];
    for (const key of Object.keys(out.failedBySeverity) as (keyof ScanSummary["failedBySeverity"])[])
      out.failedBySeverity[key] += s.failedBySeverity[key];
  }
  return out;
}
