import { Command } from "commander";
import type { ResourceItem } from "../../scan/posture.js";
// The AWS SDK clients are loaded only when `cloud aws` runs: they are the heaviest modules of the
// CLI, and every other command would otherwise pay for them at start-up.
import type { AwsScanOptions, AwsService } from "../../sources/aws/index.js";
import { UsageError } from "../errors.js";
import type { PostureOptions } from "../posture-output.js";
import { allCommand } from "./cloud-all.js";
import { addInventoryOptions, azureCommand, type InventorySource, reportInventory } from "./cloud-azure.js";
import { gcpCommand } from "./cloud-gcp.js";

export interface CloudAwsOptions extends PostureOptions {
  profile?: string;
  regions?: string;
  endpointUrl?: string;
  roleArn?: string;
  orgRole?: string;
  concurrency: string;
  services?: string;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ROLE_NAME = /^[\w+=,.@/-]{1,64}$/;

export function parseOptions(options: AwsCollectOptions): AwsScanOptions {
  const out: AwsScanOptions = {};
  if (options.profile) out.profile = options.profile;
  if (options.regions !== undefined) {
    const regions = options.regions
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean);
    const bad = regions.find((r) => !REGION.test(r));
    if (bad !== undefined || regions.length === 0)
      throw new UsageError(`--regions ${options.regions}: expected region names such as us-east-1,eu-west-1`);
    out.regions = regions;
  }
  if (options.endpointUrl) {
    try {
      const url = new URL(options.endpointUrl);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    } catch {
      throw new UsageError(`--endpoint-url ${options.endpointUrl}: expected an http(s) URL`);
    }
    out.endpoint = options.endpointUrl;
  }
  if (options.roleArn) {
    if (!ROLE_ARN.test(options.roleArn))
      throw new UsageError(`--role-arn ${options.roleArn}: expected arn:aws:iam::ACCOUNT:role/NAME`);
    out.roleArn = options.roleArn;
  }
  if (options.orgRole !== undefined && !ROLE_NAME.test(options.orgRole))
    throw new UsageError(`--org-role ${options.orgRole}: expected an IAM role name`);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError(`--concurrency ${options.concurrency}: expected an integer from 1 to 64`);
  out.concurrency = concurrency;
  return out;
}

/** The service modules named in `--services`; an unknown name is a usage error that lists the known ones. */
function pickServices(list: string, known: readonly AwsService[]): AwsService[] {
  const names = list
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const byName = new Map(known.map((service) => [service.name, service]));
  const unknown = names.filter((name) => !byName.has(name));
  if (names.length === 0 || unknown.length > 0) {
    const what = names.length === 0 ? "no service named" : `unknown service ${unknown.join(", ")}`;
    throw new UsageError(`--services ${list}: ${what}; known: ${[...byName.keys()].sort().join(", ")}`);
  }
  return [...new Set(names)].map((name) => byName.get(name) as AwsService);
}

function awsCommand(): Command {
  const command = new Command("aws")
    .summary("collect the live inventory of AWS accounts and evaluate every check on it")
    .description(
      "Read the account's resources with the AWS SDK (default credential chain, --profile, --role-arn),\n" +
        "in every enabled region or in --regions, evaluate the checks, record the scan in the store and report.\n" +
        "With --org-role NAME, list the organisation's accounts and scan each by assuming NAME in it.\n" +
        "APIs that are denied or missing give `error` findings on the checks that need them.",
    )
    .option("--profile <name>", "AWS shared-config profile to use")
    .option("--regions <list>", "comma-separated regions (default: every region enabled for the account)")
    .option("--endpoint-url <url>", "send every API call to this URL (moto, LocalStack)")
    .option("--role-arn <arn>", "assume this IAM role before scanning")
    .option("--org-role <name>", "scan every account of the organisation by assuming this role name in each")
    .option("--concurrency <n>", "API calls in flight per service and region", "8")
    .option(
      "--services <list>",
      "comma-separated service modules to collect (default: all; a wrong name lists the known ones)",
    );
  addInventoryOptions(command, "cis-aws-7.0.0");
  return command.action((options: CloudAwsOptions) =>
    reportInventory(
      "aws",
      options,
      () => collectAws(options),
      (report, source) =>
        process.stderr.write(
          `mamori: ${report.summary.resources} resources, ${report.summary.byStatus.fail} failing, ` +
            `${report.summary.byStatus.error} errors, ${source.calls()} API calls\n`,
        ),
    ),
  );
}

export type AwsCollectOptions = Pick<
  CloudAwsOptions,
  "profile" | "regions" | "endpointUrl" | "roleArn" | "orgRole" | "concurrency" | "services"
>;

/**
 * Validates the AWS options and starts reading the account (or organisation): the collecting half
 * of `cloud aws`, shared with `cloud all`. Credential and STS failures are usage errors.
 */
export async function collectAws(
  options: AwsCollectOptions,
): Promise<InventorySource & { calls: () => number }> {
  // The pinned SDK clients run on Node 20; its notice about future releases is not for Mamori's users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const scanOptions = parseOptions(options);
  let items: AsyncIterable<ResourceItem>;
  let target: string;
  let scope: string;
  let calls: () => number;
  const { AWS_SERVICES, AwsSourceError, scanAccount, scanOrganization } = await import(
    "../../sources/aws/index.js"
  );
  if (options.services !== undefined) scanOptions.services = pickServices(options.services, AWS_SERVICES);
  try {
    if (options.orgRole) {
      const org = await scanOrganization(scanOptions, options.orgRole);
      items = org.items;
      calls = org.calls;
      target = `aws organisation (role ${options.orgRole})`;
      scope = `aws:org:${options.orgRole}:${(scanOptions.regions ?? ["all"]).join(",")}`;
      process.stderr.write(`mamori: scanning the organisation's accounts with role ${options.orgRole}\n`);
    } else {
      const scan = await scanAccount(scanOptions);
      items = scan.items;
      calls = () => scan.context.calls;
      target = `aws account ${scan.accountId} (${scan.regions.join(", ")})`;
      scope = `aws:${scan.accountId}:${scanOptions.regions ? scan.regions.join(",") : "all"}`;
      process.stderr.write(`mamori: scanning ${target}\n`);
    }
  } catch (error) {
    if (error instanceof AwsSourceError) throw new UsageError(error.message);
    throw error;
  }
  return { target, scope, items, live: true, calls };
}

export function cloudCommand(): Command {
  return new Command("cloud")
    .summary("scan live cloud accounts")
    .addCommand(awsCommand())
    .addCommand(azureCommand())
    .addCommand(gcpCommand())
    .addCommand(allCommand());
}
