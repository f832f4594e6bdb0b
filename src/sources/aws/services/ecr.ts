import {
  ECRClient,
  GetRegistryScanningConfigurationCommand,
  GetRepositoryPolicyCommand,
  paginateDescribeRepositories,
  type RegistryScanningRule,
  type Repository,
} from "@aws-sdk/client-ecr";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, parsePolicy } from "../context.js";
import { type ErrorMarker, errorCode, errorMarker, isErrorMarker, orMarker } from "../errors.js";
import { all } from "./iam.js";

const TYPE = "aws.ecr.repository";

/** A registry scanning filter (`*` matches any run of characters) as a regular expression. */
const wildcard = (filter: string): RegExp =>
  new RegExp(
    `^${filter
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );

/** Whether a registry-level rule scans `name` whenever an image is pushed (or continuously). */
const scannedByRegistry = (rules: readonly RegistryScanningRule[], name: string): boolean =>
  rules.some(
    (rule) =>
      (rule.scanFrequency === "SCAN_ON_PUSH" || rule.scanFrequency === "CONTINUOUS_SCAN") &&
      (rule.repositoryFilters ?? []).some(
        (f) => f.filterType === "WILDCARD" && f.filter !== undefined && wildcard(f.filter).test(name),
      ),
  );

/**
 * Scan on push as it takes effect: the repository's own flag, or a registry
 * scanning rule that covers the repository (the registry setting overrides the
 * repository's one). Unknown when the flag is off and the registry setting
 * could not be read.
 */
function scanOnPush(repo: Repository, registry: RegistryScanningRule[] | ErrorMarker): boolean | ErrorMarker {
  if (repo.imageScanningConfiguration?.scanOnPush === true) return true;
  if (isErrorMarker(registry)) return registry;
  return scannedByRegistry(registry, repo.repositoryName ?? "");
}

export const service: AwsService = {
  name: "ecr",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const ecr = ctx.client(ECRClient, region);
    let repos: Repository[];
    try {
      repos = await all(
        paginateDescribeRepositories({ client: ecr, pageSize: 1000 }, {}),
        (p) => p.repositories,
      );
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("ecr", region, "repository/"),
        region,
        source: "ecr",
        operation: "ecr:DescribeRepositories",
        error,
      });
      return;
    }
    const registryRules =
      repos.length === 0
        ? []
        : await orMarker(
            "ecr:GetRegistryScanningConfiguration",
            async () =>
              (await ecr.send(new GetRegistryScanningConfigurationCommand({}))).scanningConfiguration
                ?.rules ?? [],
          );
    const resources = await ctx.limiter("ecr", region).map(repos, async (repo) => {
      const name = repo.repositoryName as string;
      let policy: unknown;
      try {
        const out = await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: name }));
        policy = parsePolicy(out.policyText);
      } catch (error) {
        policy =
          errorCode(error) === "RepositoryPolicyNotFoundException"
            ? null
            : errorMarker("ecr:GetRepositoryPolicy", error);
      }
      return ctx.resource({
        type: TYPE,
        id: repo.repositoryArn ?? ctx.arn("ecr", region, `repository/${name}`),
        name,
        region,
        source: "ecr",
        properties: {
          repositoryName: name,
          imageTagMutability: repo.imageTagMutability ?? "MUTABLE",
          imageScanningConfiguration: { scanOnPush: scanOnPush(repo, registryRules) },
          policy,
        },
      });
    });
    for (const resource of resources) yield { resource };
  },
};
