/** aws.elasticache.replication-group from AWS::ElastiCache::ReplicationGroup. */
import { unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, nameOf, prop, tagsOf } from "./context.js";

export const elasticacheReplicationGroupMapper: CfnMapper = {
  canonicalType: "aws.elasticache.replication-group",
  cfnType: "AWS::ElastiCache::ReplicationGroup",
  map(group, _companions, ctx) {
    ctx.at("atRestEncryptionEnabled", group, "AtRestEncryptionEnabled");
    ctx.at("transitEncryptionEnabled", group, "TransitEncryptionEnabled");
    ctx.at("authTokenEnabled", group, "AuthToken");
    const token = prop(group, "AuthToken");
    return {
      name: nameOf(group, "ReplicationGroupId"),
      properties: {
        replicationGroupId:
          prop(group, "ReplicationGroupId") ?? unknown("CloudFormation generates the replication group id"),
        engine: prop(group, "Engine") ?? "redis",
        // Both default to off for the Redis engine.
        atRestEncryptionEnabled: bool(prop(group, "AtRestEncryptionEnabled")) ?? false,
        transitEncryptionEnabled: bool(prop(group, "TransitEncryptionEnabled")) ?? false,
        // Whether a token is set, never the token itself: a parameter still means one is set.
        authTokenEnabled: token !== undefined && token !== null && token !== "",
      },
      tags: tagsOf(prop(group, "Tags")),
    };
  },
};
