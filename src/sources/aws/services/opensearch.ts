import {
  DescribeDomainsCommand,
  type DomainStatus,
  ListDomainNamesCommand,
  OpenSearchClient,
} from "@aws-sdk/client-opensearch";
import type { Resource } from "../../../model/index.js";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, parsePolicy } from "../context.js";
import { chunks, notDescribed } from "./markers.js";

const TYPE = "aws.opensearch.domain";

function properties(domain: DomainStatus): Record<string, unknown> {
  const vpc = domain.VPCOptions;
  const inVpc = Boolean(vpc && (vpc.VPCId || (vpc.SubnetIds ?? []).length > 0));
  return {
    domainName: domain.DomainName ?? null,
    // EngineVersion is "OpenSearch_2.11" or "Elasticsearch_7.10".
    engine: domain.EngineVersion?.startsWith("Elasticsearch") ? "Elasticsearch" : "OpenSearch",
    engineVersion: domain.EngineVersion ?? null,
    encryptionAtRest: { enabled: domain.EncryptionAtRestOptions?.Enabled === true },
    nodeToNodeEncryption: { enabled: domain.NodeToNodeEncryptionOptions?.Enabled === true },
    domainEndpointOptions: {
      enforceHTTPS: domain.DomainEndpointOptions?.EnforceHTTPS === true,
      tlsSecurityPolicy: domain.DomainEndpointOptions?.TLSSecurityPolicy ?? null,
    },
    vpcOptions: inVpc
      ? { subnetIds: vpc?.SubnetIds ?? [], securityGroupIds: vpc?.SecurityGroupIds ?? [] }
      : null,
    accessPolicies: parsePolicy(domain.AccessPolicies),
  };
}

export const service: AwsService = {
  name: "opensearch",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const opensearch = ctx.client(OpenSearchClient, region);
    let names: string[];
    try {
      // Not paginated: the answer lists every domain of the region, OpenSearch and Elasticsearch alike.
      const out = await opensearch.send(new ListDomainNamesCommand({}));
      names = (out.DomainNames ?? []).flatMap((d) => (d.DomainName ? [d.DomainName] : []));
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("es", region, "domain/"),
        region,
        source: "opensearch",
        operation: "es:ListDomainNames",
        error,
      });
      return;
    }
    const limiter = ctx.limiter("opensearch", region);
    // DescribeDomains takes at most five names per call.
    const batches = await limiter.map(chunks(names, 5), async (batch): Promise<Resource[]> => {
      try {
        const out = await opensearch.send(new DescribeDomainsCommand({ DomainNames: batch }));
        return (out.DomainStatusList ?? []).map((domain) =>
          ctx.resource({
            type: TYPE,
            id: domain.ARN ?? ctx.arn("es", region, `domain/${domain.DomainName}`),
            name: domain.DomainName ?? "",
            region,
            source: "opensearch",
            properties: properties(domain),
          }),
        );
      } catch (error) {
        return batch.map((name) =>
          notDescribed(
            ctx,
            {
              type: TYPE,
              id: ctx.arn("es", region, `domain/${name}`),
              name,
              region,
              source: "opensearch",
              operation: "es:DescribeDomains",
            },
            error,
          ),
        );
      }
    });
    for (const resources of batches) for (const resource of resources) yield { resource };
  },
};
