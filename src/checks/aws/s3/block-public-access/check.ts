import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

const SETTINGS = [
  "blockPublicAcls",
  "ignorePublicAcls",
  "blockPublicPolicy",
  "restrictPublicBuckets",
] as const;

export default defineCheck({
  id: "aws.s3.block-public-access",
  title: "S3 bucket has Block Public Access fully enabled",
  description:
    "All four S3 Block Public Access settings must be on for the bucket, either on the bucket itself or for the whole account, so that no ACL or bucket policy can make its objects public.",
  severity: "high",
  resourceTypes: ["aws.s3.bucket"],
  remediation:
    "Turn on BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets in the bucket's public access block (or the account's).",
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
  ],
  evaluate(resource) {
    const bucket = resource.properties.publicAccessBlock;
    const account = resource.properties.accountPublicAccessBlock;
    const read = (config: unknown, setting: string): unknown =>
      isUnknown(config)
        ? config
        : config && typeof config === "object"
          ? (config as Record<string, unknown>)[setting]
          : undefined;

    const missing: string[] = [];
    for (const setting of SETTINGS) {
      const onBucket = read(bucket, setting);
      const onAccount = read(account, setting);
      if (onBucket === true || onAccount === true) continue;
      if (isUnknown(onBucket) || isUnknown(onAccount)) {
        return notApplicable(`${setting} is not known at scan time`, {
          path: `publicAccessBlock.${setting}`,
          actual: onBucket,
        });
      }
      missing.push(setting);
    }
    if (missing.length === 0)
      return pass("Block Public Access is fully enabled", { path: "publicAccessBlock", actual: bucket });
    return fail(`Block Public Access is off for ${missing.join(", ")}`, {
      path: bucket && typeof bucket === "object" ? `publicAccessBlock.${missing[0]}` : "publicAccessBlock",
      actual: bucket ?? null,
      expected: Object.fromEntries(SETTINGS.map((s) => [s, true])),
    });
  },
});
