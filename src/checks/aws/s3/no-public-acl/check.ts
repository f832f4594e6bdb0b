import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

const PUBLIC_GROUPS: Record<string, string> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "everyone (AllUsers)",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "any AWS account (AuthenticatedUsers)",
};

interface Grant {
  grantee?: { type?: string; uri?: unknown; id?: string };
  permission?: string;
}

export default defineCheck({
  id: "aws.s3.no-public-acl",
  title: "S3 bucket ACL grants nothing to everyone or to all AWS users",
  description:
    "An ACL grant to the AllUsers or AuthenticatedUsers group makes the bucket readable or writable by anyone on the internet or by any AWS account.",
  severity: "critical",
  resourceTypes: ["aws.s3.bucket"],
  remediation:
    "Remove the grants to AllUsers and AuthenticatedUsers, or disable ACLs altogether with Object Ownership set to BucketOwnerEnforced.",
  references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html"],
  evaluate(resource) {
    if (resource.properties.ownership === "BucketOwnerEnforced") {
      return pass("ACLs are disabled (BucketOwnerEnforced)", {
        path: "ownership",
        actual: "BucketOwnerEnforced",
      });
    }
    const grants = (resource.properties.acl as { grants?: unknown } | null | undefined)?.grants;
    if (isUnknown(resource.properties.acl) || isUnknown(grants)) {
      return notApplicable("the bucket ACL is not known at scan time", {
        path: "acl",
        actual: resource.properties.acl,
      });
    }
    const results = (Array.isArray(grants) ? (grants as Grant[]) : []).flatMap((grant, i) => {
      const uri = grant.grantee?.uri;
      const who = typeof uri === "string" ? PUBLIC_GROUPS[uri] : undefined;
      if (!who) return [];
      return [
        fail(
          `the ACL grants ${grant.permission ?? "access"} to ${who}`,
          { path: `acl.grants[${i}]`, actual: grant, expected: "no grant to AllUsers or AuthenticatedUsers" },
          `${uri}:${grant.permission}`,
        ),
      ];
    });
    return results.length > 0 ? results : pass("no ACL grant to a public group", { path: "acl.grants" });
  },
});
