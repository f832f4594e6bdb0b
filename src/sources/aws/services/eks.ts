import { type Cluster, DescribeClusterCommand, EKSClient, paginateListClusters } from "@aws-sdk/client-eks";
import type { ResourceItem } from "../../../scan/posture.js";
import type { AwsContext, AwsService } from "../context.js";
import { notDescribed } from "./markers.js";

const TYPE = "aws.eks.cluster";

function properties(cluster: Cluster): Record<string, unknown> {
  const vpc = cluster.resourcesVpcConfig;
  return {
    name: cluster.name ?? null,
    version: cluster.version ?? null,
    resourcesVpcConfig: {
      // EKS's defaults when a field is left out: public endpoint on, open to the world; private off.
      endpointPublicAccess: vpc?.endpointPublicAccess ?? true,
      endpointPrivateAccess: vpc?.endpointPrivateAccess ?? false,
      publicAccessCidrs: vpc?.publicAccessCidrs ?? ["0.0.0.0/0"],
    },
    // The API groups log types by on/off; the canonical shape keeps the enabled ones.
    logging: {
      enabledTypes: (cluster.logging?.clusterLogging ?? [])
        .filter((setup) => setup.enabled === true)
        .flatMap((setup) => setup.types ?? []),
    },
    encryptionConfig: (cluster.encryptionConfig ?? []).map((entry) => ({
      resources: entry.resources ?? [],
      provider: { keyArn: entry.provider?.keyArn ?? null },
    })),
  };
}

export const service: AwsService = {
  name: "eks",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    const eks = ctx.client(EKSClient, region);
    const names: string[] = [];
    try {
      for await (const page of paginateListClusters({ client: eks, pageSize: 100 }, {}))
        names.push(...(page.clusters ?? []));
    } catch (error) {
      yield* ctx.collectionFailed({
        type: TYPE,
        idPrefix: ctx.arn("eks", region, "cluster/"),
        region,
        source: "eks",
        operation: "eks:ListClusters",
        error,
      });
      return;
    }
    const limiter = ctx.limiter("eks", region);
    const resources = await limiter.map(names, async (name) => {
      const id = ctx.arn("eks", region, `cluster/${name}`);
      try {
        const cluster = (await eks.send(new DescribeClusterCommand({ name }))).cluster ?? {};
        return ctx.resource({
          type: TYPE,
          id: cluster.arn ?? id,
          name,
          region,
          source: "eks",
          tags: cluster.tags ?? {},
          properties: properties(cluster),
        });
      } catch (error) {
        const input = { type: TYPE, id, name, region, source: "eks", operation: "eks:DescribeCluster" };
        return notDescribed(ctx, input, error);
      }
    });
    for (const resource of resources) yield { resource };
  },
};
