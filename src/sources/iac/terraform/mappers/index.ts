/**
 * Terraform resource instances → canonical resources. Shared by the HCL
 * format and the plan-JSON format: both hand over plain attribute objects.
 * Companion resources are joined to their parent by reference (the address
 * their link attribute points at) or by the literal name/id it holds.
 */

import type { Provider, Resource } from "../../../../model/index.js";
import { apigatewayMethodMapper } from "./aws-apigateway-method.js";
import { apigatewayStageMapper } from "./aws-apigateway-stage.js";
import { cloudfrontDistributionMapper } from "./aws-cloudfront-distribution.js";
import { dynamodbTableMapper } from "./aws-dynamodb-table.js";
import { ecrRepositoryMapper } from "./aws-ecr-repository.js";
import { eksClusterMapper } from "./aws-eks-cluster.js";
import { elasticacheReplicationGroupMapper } from "./aws-elasticache-replication-group.js";
import { elbv2LoadBalancerMapper } from "./aws-elbv2-load-balancer.js";
import { lambdaFunctionMapper } from "./aws-lambda-function.js";
import { opensearchDomainMapper } from "./aws-opensearch-domain.js";
import { secretsManagerSecretMapper } from "./aws-secretsmanager-secret.js";
import { sqsQueueMapper } from "./aws-sqs-queue.js";
import { AZURE_MAPPERS } from "./azure-mappers.js";
import { AZURE_SUBSCRIPTION_TYPES, mapAzureSubscription } from "./azure-subscription.js";
import { applyTrailBucketLogging } from "./cloudtrail-bucket-logging.js";
import { cloudtrailTrailMapper } from "./cloudtrail-trail.js";
import {
  bool,
  type Companions,
  PropertyLines,
  type TfConfiguration,
  type TfFormatName,
  type TfMapper,
} from "./common.js";
import { ec2InstanceMapper } from "./ec2-instance.js";
import { ec2NetworkAclMapper } from "./ec2-network-acl.js";
import { ec2RouteTableMapper } from "./ec2-route-table.js";
import { ec2VolumeMapper } from "./ec2-volume.js";
import { ec2VpcMapper } from "./ec2-vpc.js";
import { efsFileSystemMapper } from "./efs-file-system.js";
import { GCP_MAPPERS } from "./gcp-mappers.js";
import { mapUndeclaredProjects } from "./gcp-project.js";
import { guardDutyDetectorMapper } from "./guardduty-detector.js";
import { iamPasswordPolicyMapper } from "./iam-password-policy.js";
import { iamPolicyMapper } from "./iam-policy.js";
import { iamGroupMapper, iamRoleMapper, iamUserMapper } from "./iam-principals.js";
import { iamServerCertificateMapper } from "./iam-server-certificate.js";
import type { TfResourceInput } from "./input.js";
import { kmsKeyMapper } from "./kms-key.js";
import { rdsDbClusterMapper } from "./rds-db-cluster.js";
import { rdsDbInstanceMapper } from "./rds-db-instance.js";
import { regionSettingsMapper } from "./region-settings.js";
import { s3BucketMapper } from "./s3-bucket.js";
import { securityGroupMapper } from "./security-group.js";
import { snsTopicMapper } from "./sns-topic.js";

export type { TfResourceInput } from "./input.js";

export const MAPPERS: readonly TfMapper[] = [
  s3BucketMapper,
  securityGroupMapper,
  ec2InstanceMapper,
  ec2VolumeMapper,
  ec2VpcMapper,
  ec2NetworkAclMapper,
  ec2RouteTableMapper,
  cloudtrailTrailMapper,
  kmsKeyMapper,
  rdsDbInstanceMapper,
  rdsDbClusterMapper,
  guardDutyDetectorMapper,
  efsFileSystemMapper,
  snsTopicMapper,
  sqsQueueMapper,
  apigatewayStageMapper,
  apigatewayMethodMapper,
  cloudfrontDistributionMapper,
  elbv2LoadBalancerMapper,
  dynamodbTableMapper,
  ecrRepositoryMapper,
  secretsManagerSecretMapper,
  lambdaFunctionMapper,
  eksClusterMapper,
  elasticacheReplicationGroupMapper,
  opensearchDomainMapper,
  iamPolicyMapper,
  iamPasswordPolicyMapper,
  iamUserMapper,
  iamRoleMapper,
  iamGroupMapper,
  iamServerCertificateMapper,
  regionSettingsMapper,
  ...AZURE_MAPPERS,
  ...GCP_MAPPERS,
];

/** Terraform types any mapper reads, for reporting what is covered. */
export const MAPPED_TERRAFORM_TYPES = [
  ...MAPPERS.flatMap((m) => [...m.parentTypes, ...Object.keys(m.companions)]),
  ...AZURE_SUBSCRIPTION_TYPES,
  // Read through references rather than joined: a route's peering connection and the peer VPC's blocks.
  "aws_vpc_peering_connection",
  // Read from the whole configuration: locks apply by scope (account, resource group, subscription).
  "azurerm_management_lock",
  "aws_vpc_ipv4_cidr_block_association",
  "aws_vpc_ipv6_cidr_block_association",
];

function stripKey(address: string): string {
  return address.replace(/\[[^\]]*\]$/, "");
}

/** Parents indexed by address, by address without instance key, and by literal link keys. */
class ParentIndex {
  private readonly byAddress = new Map<string, TfResourceInput>();
  private readonly byConfigAddress = new Map<string, TfResourceInput[]>();
  private readonly byLinkKey = new Map<unknown, TfResourceInput>();

  constructor(parents: TfResourceInput[], mapper: TfMapper) {
    for (const parent of parents) {
      this.byAddress.set(parent.address, parent);
      const stripped = stripKey(parent.address);
      const same = this.byConfigAddress.get(stripped);
      if (same) same.push(parent);
      else this.byConfigAddress.set(stripped, [parent]);
      for (const key of mapper.linkKeys(parent))
        if (typeof key === "string" && key !== "" && !this.byLinkKey.has(key))
          this.byLinkKey.set(key, parent);
    }
  }

  /** The parent a companion belongs to, or undefined. */
  find(companion: TfResourceInput, linkAttribute: string): TfResourceInput | undefined {
    for (const ref of companion.refs[linkAttribute] ?? []) {
      const exact = this.byAddress.get(ref);
      if (exact) return exact;
      // A reference without instance key (plan configuration): the parent instance with the companion's key.
      const sameKey = this.byConfigAddress.get(ref) ?? [];
      const match =
        sameKey.find((p) => p.indexKey === companion.indexKey) ??
        (sameKey.length === 1 ? sameKey[0] : undefined);
      if (match) return match;
    }
    const link = companion.values[linkAttribute];
    return typeof link === "string" && link !== "" ? this.byLinkKey.get(link) : undefined;
  }
}

export interface MappedResources {
  resources: Resource[];
  /** Canonical resource id of every Terraform instance that became or joined one. */
  owners: Map<TfResourceInput, string>;
}

export function mapResources(inputs: readonly TfResourceInput[], format: TfFormatName): MappedResources {
  const owners = new Map<TfResourceInput, string>();
  const byType = new Map<string, TfResourceInput[]>();
  for (const input of inputs) {
    const list = byType.get(input.type) ?? [];
    list.push(input);
    byType.set(input.type, list);
  }
  const config = configurationOf(inputs, byType);
  const resources: Resource[] = [];
  for (const mapper of MAPPERS) {
    const parents = mapper.parentTypes.flatMap((t) => byType.get(t) ?? []);
    if (parents.length === 0) continue;
    const joined = new Map<TfResourceInput, Companions>(parents.map((p) => [p, new Map()]));
    const index = new ParentIndex(parents, mapper);
    for (const [type, linkAttribute] of Object.entries(mapper.companions))
      for (const companion of byType.get(type) ?? []) {
        const parent = index.find(companion, linkAttribute);
        if (!parent) continue;
        const companions = joined.get(parent) as Companions;
        companions.set(type, [...(companions.get(type) ?? []), companion]);
        owners.set(companion, `${parent.file}#${parent.address}`);
      }
    for (const parent of parents) {
      const props = new PropertyLines(parent);
      const built = mapper.build(parent, joined.get(parent) as Companions, props, config);
      owners.set(parent, `${parent.file}#${parent.address}`);
      resources.push({
        ...built,
        id: `${parent.file}#${parent.address}`,
        provider: mapper.canonicalType.split(".")[0] as Provider,
        ...(parent.region === undefined ? {} : { region: parent.region }),
        provenance: {
          kind: "iac",
          format,
          file: parent.file,
          range: parent.range,
          properties: props.lines,
        },
      });
    }
  }
  applyAccountPublicAccessBlock(byType.get("aws_s3_account_public_access_block") ?? [], resources);
  applyTrailBucketLogging(byType, config, resources);
  for (const project of mapUndeclaredProjects(byType, new Set(owners.keys()), format)) {
    resources.push(project.resource);
    for (const member of project.members) owners.set(member, project.resource.id);
  }
  const subscription = mapAzureSubscription(byType, format);
  if (subscription) {
    resources.push(subscription.resource);
    for (const member of subscription.members) owners.set(member, subscription.resource.id);
  }
  return { resources, owners };
}

/** Lookups across the configuration; a reference without instance key matches a lone instance or the same key. */
function configurationOf(
  inputs: readonly TfResourceInput[],
  byType: Map<string, TfResourceInput[]>,
): TfConfiguration {
  const byAddress = new Map<string, TfResourceInput[]>();
  for (const input of inputs)
    for (const key of new Set([input.address, stripKey(input.address)]))
      byAddress.set(key, [...(byAddress.get(key) ?? []), input]);
  return {
    ofType: (type) => byType.get(type) ?? [],
    referenced(from, attribute, types) {
      for (const ref of from.refs[attribute] ?? []) {
        const found = (byAddress.get(ref) ?? []).filter((r) => types.includes(r.type));
        const match = found.length === 1 ? found[0] : found.find((r) => r.indexKey === from.indexKey);
        if (match) return match;
      }
      return undefined;
    },
  };
}

/** An account-level Block Public Access in the same configuration applies to every bucket. */
function applyAccountPublicAccessBlock(blocks: TfResourceInput[], resources: Resource[]): void {
  const block = blocks[0];
  if (!block) return;
  const value = {
    blockPublicAcls: bool(block.values.block_public_acls),
    ignorePublicAcls: bool(block.values.ignore_public_acls),
    blockPublicPolicy: bool(block.values.block_public_policy),
    restrictPublicBuckets: bool(block.values.restrict_public_buckets),
  };
  for (const r of resources) if (r.type === "aws.s3.bucket") r.properties.accountPublicAccessBlock = value;
}
