import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { OrganizationsClient, paginateListAccounts } from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { ResourceItem } from "../../scan/posture.js";
import { type AwsClientSettings, AwsContext, type AwsService } from "./context.js";
import { errorCode, errorMessage } from "./errors.js";
import { mergeConcurrently } from "./limit.js";
import { AWS_SERVICES } from "./services/index.js";

export { AwsContext, type AwsService } from "./context.js";
export { errorMarker, findErrorMarker, isErrorMarker } from "./errors.js";
export { AWS_SERVICES } from "./services/index.js";

/** Bad credentials, an unknown profile, a role that cannot be assumed: one line for the user. */
export class AwsSourceError extends Error {
  override name = "AwsSourceError";
}

export interface AwsScanOptions {
  profile?: string;
  /** Assume this role first (STS AssumeRole). */
  roleArn?: string;
  endpoint?: string;
  /** Regions to scan; default: every region enabled for the account. */
  regions?: readonly string[];
  /** Calls in flight per service and region (default 8). */
  concurrency?: number;
  /** Service modules to run (default: all). */
  services?: readonly AwsService[];
  /** Where global services and discovery calls go (default us-east-1). */
  homeRegion?: string;
}

type Credentials = AwsClientSettings["credentials"];

function baseCredentials(options: AwsScanOptions): Credentials {
  return options.profile ? fromIni({ profile: options.profile }) : fromNodeProviderChain();
}

function assume(roleArn: string, master: Credentials, options: AwsScanOptions): Credentials {
  const clientConfig: Record<string, unknown> = { region: options.homeRegion ?? "us-east-1" };
  if (options.endpoint) clientConfig.endpoint = options.endpoint;
  return fromTemporaryCredentials({
    masterCredentials: master,
    params: { RoleArn: roleArn, RoleSessionName: "mamori-scan", DurationSeconds: 3600 },
    clientConfig,
  });
}

function settings(credentials: Credentials, options: AwsScanOptions): AwsClientSettings {
  const out: AwsClientSettings = { credentials };
  if (options.endpoint) out.endpoint = options.endpoint;
  return out;
}

/** The account behind the credentials (STS GetCallerIdentity); fails with a one-line error. */
export async function callerAccount(credentials: Credentials, options: AwsScanOptions): Promise<string> {
  const sts = new STSClient({
    region: options.homeRegion ?? "us-east-1",
    credentials,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new AwsSourceError("STS GetCallerIdentity returned no account");
    return identity.Account;
  } catch (error) {
    if (error instanceof AwsSourceError) throw error;
    throw new AwsSourceError(`cannot identify the AWS account: ${errorCode(error)}: ${errorMessage(error)}`);
  } finally {
    sts.destroy();
  }
}

/** Regions enabled for the account: DescribeRegions, without the opt-in regions not opted into. */
export async function enabledRegions(credentials: Credentials, options: AwsScanOptions): Promise<string[]> {
  const ec2 = new EC2Client({
    region: options.homeRegion ?? "us-east-1",
    credentials,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  try {
    const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    return (out.Regions ?? [])
      .filter((r) => r.RegionName && r.OptInStatus !== "not-opted-in")
      .map((r) => r.RegionName as string)
      .sort();
  } catch (error) {
    throw new AwsSourceError(
      `cannot list regions (ec2:DescribeRegions): ${errorCode(error)}: ${errorMessage(error)}`,
    );
  } finally {
    ec2.destroy();
  }
}

export interface AccountScan {
  accountId: string;
  regions: string[];
  context: AwsContext;
  items: AsyncIterable<ResourceItem>;
}

/** Prepares the scan of one account: credentials, account id, regions, and the resource stream. */
export async function scanAccount(options: AwsScanOptions, credentials?: Credentials): Promise<AccountScan> {
  let creds = credentials ?? baseCredentials(options);
  if (!credentials && options.roleArn) creds = assume(options.roleArn, creds, options);
  const accountId = await callerAccount(creds, options);
  const regions = options.regions?.length ? [...options.regions] : await enabledRegions(creds, options);
  const home = options.homeRegion ?? "us-east-1";
  const context = new AwsContext(
    settings(creds, options),
    accountId,
    regions,
    options.concurrency ?? 8,
    "aws",
    home,
  );
  const services = options.services ?? AWS_SERVICES;
  const producers: (() => AsyncIterable<ResourceItem>)[] = [];
  for (const service of services) {
    if (service.scope === "global") producers.push(() => guarded(service, context, home));
    else for (const region of regions) producers.push(() => guarded(service, context, region));
  }
  async function* items(): AsyncGenerator<ResourceItem> {
    try {
      yield* mergeConcurrently(producers, Math.max(4, context.concurrency * 2));
    } finally {
      context.destroy();
    }
  }
  return { accountId, regions, context, items: items() };
}

/** A service module that throws unexpectedly gives a scan error; the other services go on. */
async function* guarded(
  service: AwsService,
  context: AwsContext,
  region: string,
): AsyncGenerator<ResourceItem> {
  try {
    yield* service.collect(context, region);
  } catch (error) {
    yield {
      error: {
        source: `aws/${service.name} ${region}`,
        message: `${errorCode(error)}: ${errorMessage(error)}`,
      },
    };
  }
}

export interface OrganizationScan {
  accounts: { accountId: string; status: "scanned" | "failed"; message?: string }[];
  items: AsyncIterable<ResourceItem>;
  /** API calls made so far, over every account. */
  calls(): number;
}

/**
 * Organisation mode: lists the member accounts with Organizations, assumes
 * `roleName` in each and scans them concurrently. An account whose role
 * cannot be assumed is reported as a scan error; the others go on.
 */
export async function scanOrganization(
  options: AwsScanOptions,
  roleName: string,
  accountConcurrency = 4,
): Promise<OrganizationScan> {
  let master = baseCredentials(options);
  if (options.roleArn) master = assume(options.roleArn, master, options);
  const org = new OrganizationsClient({
    region: options.homeRegion ?? "us-east-1",
    credentials: master,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const ids: string[] = [];
  try {
    for await (const page of paginateListAccounts({ client: org }, {}))
      for (const account of page.Accounts ?? [])
        if (account.Id && (account.Status ?? "ACTIVE") === "ACTIVE") ids.push(account.Id);
  } catch (error) {
    throw new AwsSourceError(
      `cannot list the organisation's accounts: ${errorCode(error)}: ${errorMessage(error)}`,
    );
  } finally {
    org.destroy();
  }
  const accounts: OrganizationScan["accounts"] = [];
  const contexts: AwsContext[] = [];
  const producers = ids.map(
    (id) =>
      async function* (): AsyncGenerator<ResourceItem> {
        const roleArn = `arn:aws:iam::${id}:role/${roleName}`;
        let scan: AccountScan;
        try {
          scan = await scanAccount({ ...options, roleArn: undefined }, assume(roleArn, master, options));
        } catch (error) {
          const message = `cannot assume ${roleArn}: ${errorMessage(error)}`;
          accounts.push({ accountId: id, status: "failed", message });
          yield { error: { source: `aws account ${id}`, message } };
          return;
        }
        accounts.push({ accountId: id, status: "scanned" });
        contexts.push(scan.context);
        yield* scan.items;
      },
  );
  return {
    accounts,
    items: mergeConcurrently(producers, accountConcurrency),
    calls: () => contexts.reduce((sum, c) => sum + c.calls, 0),
  };
}
