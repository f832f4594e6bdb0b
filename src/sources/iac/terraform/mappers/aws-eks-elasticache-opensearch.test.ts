/**
 * The EKS, ElastiCache and OpenSearch mappers of both IaC sources, read
 * through the check fixtures: same canonical shape from Terraform and
 * CloudFormation, AWS defaults applied, domain policies joined.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadFixture } from "../../../../checks/fixtures.js";
import { isUnknown, type Resource } from "../../../../model/index.js";

const checks = join(import.meta.dirname, "../../../../checks/aws");
async function one(path: string, type: string): Promise<Resource> {
  const found = (await loadFixture(join(checks, path))).filter((r) => r.type === type);
  assert.equal(found.length, 1, `${path}: one ${type}`);
  return found[0] as Resource;
}

describe("EKS, ElastiCache and OpenSearch mappers (Terraform and CloudFormation)", () => {
  it("defaults EKS clusters to a public endpoint open to the world, no logs and no encryption", async () => {
    for (const file of [
      "eks/public-endpoint-restricted/fixtures/fail/default.tf",
      "eks/public-endpoint-restricted/fixtures/fail/default.cfn.yaml",
    ]) {
      const c = await one(file, "aws.eks.cluster");
      assert.deepEqual(
        c.properties.resourcesVpcConfig,
        { endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ["0.0.0.0/0"] },
        file,
      );
      assert.deepEqual(c.properties.logging, { enabledTypes: [] }, file);
      assert.deepEqual(c.properties.encryptionConfig, [], file);
    }
  });

  it("reads EKS log types and secrets encryption the same from both sources", async () => {
    for (const file of [
      "eks/control-plane-logging/fixtures/pass/logs.tf",
      "eks/control-plane-logging/fixtures/pass/logs.cfn.yaml",
    ]) {
      const c = await one(file, "aws.eks.cluster");
      assert.deepEqual(c.properties.logging, { enabledTypes: ["api", "audit", "authenticator"] }, file);
    }
    for (const file of [
      "eks/secrets-encryption/fixtures/pass/kms.tf",
      "eks/secrets-encryption/fixtures/pass/kms.cfn.yaml",
    ]) {
      const c = await one(file, "aws.eks.cluster");
      assert.deepEqual(
        c.properties.encryptionConfig,
        [{ resources: ["secrets"], provider: { keyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234" } }],
        file,
      );
    }
  });

  it("defaults ElastiCache encryption to off and never copies the auth token", async () => {
    const tf = await one(
      "elasticache/encryption-at-rest/fixtures/fail/default.tf",
      "aws.elasticache.replication-group",
    );
    assert.equal(tf.properties.atRestEncryptionEnabled, false);
    assert.equal(tf.properties.transitEncryptionEnabled, false);
    assert.equal(tf.properties.authTokenEnabled, false);
    const cfn = await one(
      "elasticache/encryption-in-transit/fixtures/pass/encrypted.cfn.yaml",
      "aws.elasticache.replication-group",
    );
    assert.equal(cfn.properties.transitEncryptionEnabled, true);
    assert.equal(cfn.properties.atRestEncryptionEnabled, false);
  });

  it("maps OpenSearch and Elasticsearch domains, joining domain policies", async () => {
    const es = await one(
      "opensearch/node-to-node-encryption/fixtures/fail/elasticsearch-off.tf",
      "aws.opensearch.domain",
    );
    assert.equal(es.properties.engine, "Elasticsearch");
    const esCfn = await one(
      "opensearch/encryption-at-rest/fixtures/fail/elasticsearch-default.cfn.yaml",
      "aws.opensearch.domain",
    );
    assert.equal(esCfn.properties.engine, "Elasticsearch");
    assert.deepEqual(esCfn.properties.encryptionAtRest, { enabled: false });
    const joined = await one(
      "opensearch/not-public/fixtures/fail/anyone-policy-resource.tf",
      "aws.opensearch.domain",
    );
    assert.equal(joined.properties.vpcOptions, null);
    assert.equal((joined.properties.accessPolicies as { Statement: unknown[] }).Statement.length, 1);
    // enforce_https defaults to true inside domain_endpoint_options, to false without the block.
    const block = await one(
      "opensearch/enforce-https/fixtures/pass/block-default.tf",
      "aws.opensearch.domain",
    );
    assert.equal((block.properties.domainEndpointOptions as { enforceHTTPS: unknown }).enforceHTTPS, true);
    const variable = await one(
      "opensearch/not-public/fixtures/unknown/policy-from-variable.tf",
      "aws.opensearch.domain",
    );
    assert.ok(isUnknown(variable.properties.accessPolicies));
  });
});
