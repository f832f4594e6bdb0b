/** aws.opensearch.domain from AWS::OpenSearchService::Domain and the older AWS::Elasticsearch::Domain. */
import { isUnknown, unknown } from "../../../../model/index.js";
import {
  bool,
  type CfnMapper,
  list,
  type MapContext,
  type Mapped,
  nameOf,
  policyDocument,
  prop,
  type SourceResource,
  tagsOf,
} from "./context.js";

function mapDomain(domain: SourceResource, ctx: MapContext, engine: string): Mapped {
  ctx.at("encryptionAtRest", domain, "EncryptionAtRestOptions");
  ctx.at("nodeToNodeEncryption", domain, "NodeToNodeEncryptionOptions");
  ctx.at("domainEndpointOptions", domain, "DomainEndpointOptions");
  ctx.at("vpcOptions", domain, "VPCOptions");
  ctx.at("accessPolicies", domain, "AccessPolicies");
  const vpc = prop(domain, "VPCOptions");
  const policies = prop(domain, "AccessPolicies");
  return {
    name: nameOf(domain, "DomainName"),
    properties: {
      domainName: prop(domain, "DomainName") ?? unknown("CloudFormation generates the domain name"),
      engine,
      // AWS defaults: everything below off when not set.
      encryptionAtRest: { enabled: bool(prop(domain, "EncryptionAtRestOptions", "Enabled")) ?? false },
      nodeToNodeEncryption: {
        enabled: bool(prop(domain, "NodeToNodeEncryptionOptions", "Enabled")) ?? false,
      },
      domainEndpointOptions: {
        enforceHTTPS: bool(prop(domain, "DomainEndpointOptions", "EnforceHTTPS")) ?? false,
        tlsSecurityPolicy: prop(domain, "DomainEndpointOptions", "TLSSecurityPolicy") ?? null,
      },
      vpcOptions:
        vpc === undefined || vpc === null
          ? null
          : isUnknown(vpc)
            ? vpc
            : {
                subnetIds: list(prop(domain, "VPCOptions", "SubnetIds")),
                securityGroupIds: list(prop(domain, "VPCOptions", "SecurityGroupIds")),
              },
      accessPolicies: policies === undefined ? null : policyDocument(policies),
    },
    tags: tagsOf(prop(domain, "Tags")),
  };
}

export const opensearchDomainMapper: CfnMapper = {
  canonicalType: "aws.opensearch.domain",
  cfnType: "AWS::OpenSearchService::Domain",
  map: (domain, _companions, ctx) => mapDomain(domain, ctx, "OpenSearch"),
};

export const elasticsearchDomainMapper: CfnMapper = {
  canonicalType: "aws.opensearch.domain",
  cfnType: "AWS::Elasticsearch::Domain",
  map: (domain, _companions, ctx) => mapDomain(domain, ctx, "Elasticsearch"),
};
