import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
  RDSClient,
} from "@aws-sdk/client-rds";
import { unknown } from "../../../model/index.js";
import type { ResourceItem } from "../../../scan/posture.js";
import { type AwsContext, type AwsService, tagMap } from "../context.js";
import { type ErrorMarker, orMarker } from "../errors.js";

export const service: AwsService = {
  name: "rds",
  scope: "regional",
  async *collect(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
    yield* instances(ctx, region);
    yield* clusters(ctx, region);
    yield* snapshots(ctx, region);
  },
};

async function* instances(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
  const rds = ctx.client(RDSClient, region);
  try {
    for await (const page of paginateDescribeDBInstances({ client: rds, pageSize: 100 }, {}))
      for (const db of page.DBInstances ?? []) {
        const name = db.DBInstanceIdentifier as string;
        // A cluster member's storage, backups, deletion protection and IAM auth are the cluster's:
        // judged on its aws.rds.db-cluster resource, as the IaC mappers do.
        const fromCluster = <T>(value: T) =>
          db.DBClusterIdentifier ? unknown("set on the DB cluster") : value;
        yield {
          resource: ctx.resource({
            type: "aws.rds.db-instance",
            id: db.DBInstanceArn ?? ctx.arn("rds", region, `db:${name}`),
            name,
            region,
            source: "rds",
            tags: tagMap(db.TagList),
            properties: {
              dbInstanceIdentifier: name,
              engine: db.Engine ?? null,
              storageEncrypted: fromCluster(db.StorageEncrypted === true),
              kmsKeyId: db.KmsKeyId ?? null,
              autoMinorVersionUpgrade: db.AutoMinorVersionUpgrade === true,
              publiclyAccessible: db.PubliclyAccessible === true,
              multiAZ: db.MultiAZ === true,
              backupRetentionPeriod: fromCluster(db.BackupRetentionPeriod ?? null),
              deletionProtection: fromCluster(db.DeletionProtection === true),
              iamDatabaseAuthenticationEnabled: fromCluster(db.IAMDatabaseAuthenticationEnabled === true),
            },
          }),
        };
      }
  } catch (error) {
    yield* ctx.collectionFailed({
      type: "aws.rds.db-instance",
      idPrefix: ctx.arn("rds", region, "db:"),
      region,
      source: "rds",
      operation: "rds:DescribeDBInstances",
      error,
    });
  }
}

/** Aurora (and Multi-AZ DB) clusters: encryption, backups, deletion protection and IAM auth live on the cluster. */
async function* clusters(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
  const rds = ctx.client(RDSClient, region);
  try {
    for await (const page of paginateDescribeDBClusters({ client: rds, pageSize: 100 }, {}))
      for (const cluster of page.DBClusters ?? []) {
        const name = cluster.DBClusterIdentifier as string;
        yield {
          resource: ctx.resource({
            type: "aws.rds.db-cluster",
            id: cluster.DBClusterArn ?? ctx.arn("rds", region, `cluster:${name}`),
            name,
            region,
            source: "rds",
            tags: tagMap(cluster.TagList),
            properties: {
              dbClusterIdentifier: name,
              engine: cluster.Engine ?? null,
              storageEncrypted: cluster.StorageEncrypted === true,
              kmsKeyId: cluster.KmsKeyId ?? null,
              multiAZ: cluster.MultiAZ === true,
              backupRetentionPeriod: cluster.BackupRetentionPeriod ?? null,
              deletionProtection: cluster.DeletionProtection === true,
              iamDatabaseAuthenticationEnabled: cluster.IAMDatabaseAuthenticationEnabled === true,
              members: (cluster.DBClusterMembers ?? []).map((m) => m.DBInstanceIdentifier),
            },
          }),
        };
      }
  } catch (error) {
    yield* ctx.collectionFailed({
      type: "aws.rds.db-cluster",
      idPrefix: ctx.arn("rds", region, "cluster:"),
      region,
      source: "rds",
      operation: "rds:DescribeDBClusters",
      error,
    });
  }
}

interface SnapshotFacts {
  arn: string;
  identifier: string;
  kind: "instance" | "cluster";
  sourceIdentifier: string | null;
  snapshotType: string | null;
  engine: string | null;
  encrypted: boolean;
  kmsKeyId: string | null;
  tags: Record<string, string>;
}

/** Who may restore a snapshot: `public` when the restore attribute holds `all`, and the named accounts. */
function restoreAccess(values: readonly string[] | undefined) {
  const list = values ?? [];
  return { public: list.includes("all"), sharedWith: list.filter((v) => v !== "all") };
}

/** Manual DB snapshots and DB cluster snapshots, as `aws.rds.snapshot`, with who may restore them. */
async function* snapshots(ctx: AwsContext, region: string): AsyncIterable<ResourceItem> {
  const rds = ctx.client(RDSClient, region);
  const limiter = ctx.limiter("rds", region);
  const found: SnapshotFacts[] = [];
  const failures: ResourceItem[] = [];
  const listingFailed = (operation: string, error: unknown) =>
    failures.push(
      ...ctx.collectionFailed({
        type: "aws.rds.snapshot",
        idPrefix: ctx.arn("rds", region, operation.includes("Cluster") ? "cluster-snapshot:" : "snapshot:"),
        region,
        source: "rds",
        operation,
        error,
      }),
    );
  try {
    for await (const page of paginateDescribeDBSnapshots({ client: rds, pageSize: 100 }, {}))
      for (const s of page.DBSnapshots ?? []) {
        const identifier = s.DBSnapshotIdentifier as string;
        found.push({
          arn: s.DBSnapshotArn ?? ctx.arn("rds", region, `snapshot:${identifier}`),
          identifier,
          kind: "instance",
          sourceIdentifier: s.DBInstanceIdentifier ?? null,
          snapshotType: s.SnapshotType ?? null,
          engine: s.Engine ?? null,
          encrypted: s.Encrypted === true,
          kmsKeyId: s.KmsKeyId ?? null,
          tags: tagMap(s.TagList),
        });
      }
  } catch (error) {
    listingFailed("rds:DescribeDBSnapshots", error);
  }
  try {
    for await (const page of paginateDescribeDBClusterSnapshots({ client: rds, pageSize: 100 }, {}))
      for (const s of page.DBClusterSnapshots ?? []) {
        const identifier = s.DBClusterSnapshotIdentifier as string;
        found.push({
          arn: s.DBClusterSnapshotArn ?? ctx.arn("rds", region, `cluster-snapshot:${identifier}`),
          identifier,
          kind: "cluster",
          sourceIdentifier: s.DBClusterIdentifier ?? null,
          snapshotType: s.SnapshotType ?? null,
          engine: s.Engine ?? null,
          encrypted: s.StorageEncrypted === true,
          kmsKeyId: s.KmsKeyId ?? null,
          tags: tagMap(s.TagList),
        });
      }
  } catch (error) {
    listingFailed("rds:DescribeDBClusterSnapshots", error);
  }
  const resources = await limiter.map(found, async (s) => {
    // Automated snapshots cannot be shared; only the others have restore attributes worth a call.
    const access: { public: boolean | ErrorMarker; sharedWith: string[] | ErrorMarker } =
      s.snapshotType === "automated" ? { public: false, sharedWith: [] } : await readRestoreAccess(rds, s);
    return ctx.resource({
      type: "aws.rds.snapshot",
      id: s.arn,
      name: s.identifier,
      region,
      source: "rds",
      tags: s.tags,
      properties: {
        snapshotIdentifier: s.identifier,
        snapshotKind: s.kind,
        sourceIdentifier: s.sourceIdentifier,
        snapshotType: s.snapshotType,
        engine: s.engine,
        encrypted: s.encrypted,
        kmsKeyId: s.kmsKeyId,
        public: access.public,
        sharedWith: access.sharedWith,
      },
    });
  });
  for (const resource of resources) yield { resource };
  yield* failures;
}

async function readRestoreAccess(rds: RDSClient, s: SnapshotFacts) {
  const operation =
    s.kind === "cluster" ? "rds:DescribeDBClusterSnapshotAttributes" : "rds:DescribeDBSnapshotAttributes";
  const values = await orMarker(operation, async () => {
    const attributes =
      s.kind === "cluster"
        ? (
            await rds.send(
              new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: s.identifier }),
            )
          ).DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes
        : (await rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: s.identifier })))
            .DBSnapshotAttributesResult?.DBSnapshotAttributes;
    return (attributes ?? []).find((a) => a.AttributeName === "restore")?.AttributeValues ?? [];
  });
  return Array.isArray(values) ? restoreAccess(values) : { public: values, sharedWith: values };
}
