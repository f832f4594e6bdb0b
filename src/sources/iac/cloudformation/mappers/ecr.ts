/** aws.ecr.repository from AWS::ECR::Repository (the policy is its RepositoryPolicyText). */
import { unknown } from "../../../../model/index.js";
import { bool, type CfnMapper, nameOf, policyDocument, prop, tagsOf } from "./context.js";

export const ecrRepositoryMapper: CfnMapper = {
  canonicalType: "aws.ecr.repository",
  cfnType: "AWS::ECR::Repository",
  map(repo, _companions, ctx) {
    ctx.at("imageScanningConfiguration.scanOnPush", repo, "ImageScanningConfiguration", "ScanOnPush");
    ctx.at("imageTagMutability", repo, "ImageTagMutability");
    ctx.at("policy", repo, "RepositoryPolicyText");
    return {
      name: nameOf(repo, "RepositoryName"),
      properties: {
        repositoryName:
          prop(repo, "RepositoryName") ?? unknown("CloudFormation generates the repository name"),
        imageTagMutability: prop(repo, "ImageTagMutability") ?? "MUTABLE",
        imageScanningConfiguration: {
          scanOnPush: bool(prop(repo, "ImageScanningConfiguration", "ScanOnPush")) ?? false,
        },
        policy: policyDocument(prop(repo, "RepositoryPolicyText")),
      },
      tags: tagsOf(prop(repo, "Tags")),
    };
  },
};
