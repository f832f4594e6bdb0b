/** aws.elasticache.replication-group from aws_elasticache_replication_group. */
import { isUnknown } from "../../../../model/index.js";
import { asBool, fields, nameOf, stringTags, type TfMapper } from "./common.js";

export const elasticacheReplicationGroupMapper: TfMapper = {
  canonicalType: "aws.elasticache.replication-group",
  parentTypes: ["aws_elasticache_replication_group"],
  companions: {},
  linkKeys: (group) => [group.values.replication_group_id, group.values.arn],
  build(group, _companions, props) {
    const base = fields(group, props, [
      ["replicationGroupId", "replication_group_id"],
      ["engine", "engine", "redis"],
      // Both default to off for the Redis engine.
      ["atRestEncryptionEnabled", "at_rest_encryption_enabled", false, asBool],
      ["transitEncryptionEnabled", "transit_encryption_enabled", false, asBool],
    ]);
    props.add("authTokenEnabled", group, "auth_token");
    const token = group.values.auth_token;
    return {
      type: "aws.elasticache.replication-group",
      name: nameOf(group, "replication_group_id"),
      tags: stringTags(group.values.tags),
      properties: {
        ...base,
        // Whether a token is set, never the token itself: a variable still means one is set.
        authTokenEnabled: isUnknown(token) ? true : typeof token === "string" && token !== "",
      },
    };
  },
};
