/** aws.ecr.repository from aws_ecr_repository, with aws_ecr_repository_policy joined by repository name. */
import { asBool, fields, nameOf, policyDocument, stringTags, type TfMapper } from "./common.js";

export const ecrRepositoryMapper: TfMapper = {
  canonicalType: "aws.ecr.repository",
  parentTypes: ["aws_ecr_repository"],
  companions: { aws_ecr_repository_policy: "repository" },
  linkKeys: (repo) => [repo.values.name, repo.values.id],
  build(repo, companions, props) {
    const base = fields(repo, props, [
      ["repositoryName", "name"],
      ["imageTagMutability", "image_tag_mutability", "MUTABLE"],
      ["imageScanningConfiguration.scanOnPush", "image_scanning_configuration.0.scan_on_push", false, asBool],
    ]);
    const policyResource = companions.get("aws_ecr_repository_policy")?.[0];
    if (policyResource) props.add("policy", policyResource, "policy");
    return {
      type: "aws.ecr.repository",
      name: nameOf(repo, "name"),
      tags: stringTags(repo.values.tags),
      properties: {
        repositoryName: base.repositoryName,
        imageTagMutability: base.imageTagMutability,
        imageScanningConfiguration: { scanOnPush: base["imageScanningConfiguration.scanOnPush"] },
        policy: policyResource ? policyDocument(policyResource.values.policy) : null,
      },
    };
  },
};
