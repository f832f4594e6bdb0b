/**
 * aws.opensearch.domain from aws_opensearch_domain and its predecessor
 * aws_elasticsearch_domain, with their *_domain_policy joined by domain name.
 */
import { isUnknown } from "../../../../model/index.js";
import {
  asBool,
  fields,
  first,
  nameOf,
  policyDocument,
  stringList,
  stringTags,
  type TfMapper,
} from "./common.js";

export const opensearchDomainMapper: TfMapper = {
  canonicalType: "aws.opensearch.domain",
  parentTypes: ["aws_opensearch_domain", "aws_elasticsearch_domain"],
  companions: { aws_opensearch_domain_policy: "domain_name", aws_elasticsearch_domain_policy: "domain_name" },
  linkKeys: (domain) => [domain.values.domain_name, domain.values.arn],
  build(domain, companions, props) {
    const base = fields(domain, props, [
      ["domainName", "domain_name"],
      ["encryptionAtRest.enabled", "encrypt_at_rest.0.enabled", false, asBool],
      ["nodeToNodeEncryption.enabled", "node_to_node_encryption.0.enabled", false, asBool],
      ["accessPolicies", "access_policies", null, policyDocument],
    ]);
    const endpointBlock = domain.values.domain_endpoint_options;
    // Without the block AWS leaves HTTPS optional; inside it the provider defaults enforce_https to true.
    const endpoint = fields(domain, props, [
      [
        "domainEndpointOptions.enforceHTTPS",
        "domain_endpoint_options.0.enforce_https",
        first(endpointBlock) !== undefined,
        asBool,
      ],
      ["domainEndpointOptions.tlsSecurityPolicy", "domain_endpoint_options.0.tls_security_policy"],
    ]);
    if (isUnknown(endpointBlock)) endpoint["domainEndpointOptions.enforceHTTPS"] = endpointBlock;
    props.add("vpcOptions", domain, "vpc_options");
    const vpcBlock = domain.values.vpc_options;
    const vpc = first(vpcBlock);
    const policyResource = [
      ...(companions.get("aws_opensearch_domain_policy") ?? []),
      ...(companions.get("aws_elasticsearch_domain_policy") ?? []),
    ][0];
    if (policyResource) props.add("accessPolicies", policyResource, "access_policies");
    return {
      type: "aws.opensearch.domain",
      name: nameOf(domain, "domain_name"),
      tags: stringTags(domain.values.tags),
      properties: {
        domainName: base.domainName,
        engine: domain.type === "aws_elasticsearch_domain" ? "Elasticsearch" : "OpenSearch",
        encryptionAtRest: { enabled: base["encryptionAtRest.enabled"] },
        nodeToNodeEncryption: { enabled: base["nodeToNodeEncryption.enabled"] },
        domainEndpointOptions: {
          enforceHTTPS: endpoint["domainEndpointOptions.enforceHTTPS"],
          tlsSecurityPolicy: endpoint["domainEndpointOptions.tlsSecurityPolicy"],
        },
        vpcOptions: isUnknown(vpcBlock)
          ? vpcBlock
          : vpc
            ? { subnetIds: stringList(vpc.subnet_ids), securityGroupIds: stringList(vpc.security_group_ids) }
            : null,
        accessPolicies: policyResource
          ? policyDocument(policyResource.values.access_policies)
          : base.accessPolicies,
      },
    };
  },
};
