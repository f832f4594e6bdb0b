/** The CloudFront distribution mappers of both IaC sources, read through the check fixtures. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadFixture } from "../../../../checks/fixtures.js";
import { isUnknown, type Resource } from "../../../../model/index.js";

const checks = join(import.meta.dirname, "../../../../checks/aws/cloudfront");
async function distribution(path: string): Promise<Resource> {
  const found = (await loadFixture(join(checks, path))).filter(
    (r) => r.type === "aws.cloudfront.distribution",
  );
  assert.equal(found.length, 1, `${path}: one distribution`);
  return found[0] as Resource;
}

describe("CloudFront distribution mappers (Terraform and CloudFormation)", () => {
  it("reads a hardened distribution the same from both sources", async () => {
    for (const file of ["waf/fixtures/pass/hardened.tf", "waf/fixtures/pass/hardened.cfn.yaml"])
      assert.deepEqual(
        (await distribution(file)).properties,
        {
          viewerProtocolPolicies: ["redirect-to-https", "https-only"],
          minimumProtocolVersion: "TLSv1.2_2021",
          webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1",
          logging: { bucket: "cdn-logs.s3.amazonaws.com" },
        },
        file,
      );
  });

  it("counts the default certificate as TLSv1 and leaves WAF and logging off", async () => {
    const tf = await distribution("waf/fixtures/fail/defaults.tf");
    assert.deepEqual(tf.properties, {
      viewerProtocolPolicies: ["allow-all", "https-only"],
      minimumProtocolVersion: "TLSv1",
      webAclId: null,
      logging: null,
    });
    const cfn = await distribution("waf/fixtures/fail/defaults.cfn.yaml");
    assert.deepEqual(cfn.properties, {
      viewerProtocolPolicies: ["https-only", "allow-all"],
      minimumProtocolVersion: "TLSv1",
      webAclId: null,
      logging: null,
    });
  });

  it("keeps values from variables and parameters unknown", async () => {
    assert.ok(
      isUnknown(
        (await distribution("modern-tls/fixtures/unknown/parameter.cfn.yaml")).properties
          .minimumProtocolVersion,
      ),
    );
    const policies = (await distribution("https-only/fixtures/unknown/policy-from-variable.tf")).properties
      .viewerProtocolPolicies as unknown[];
    assert.ok(isUnknown(policies[0]));
  });
});
