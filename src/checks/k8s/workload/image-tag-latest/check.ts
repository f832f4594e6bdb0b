import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, imageRef } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.workload.image-tag-latest",
  title: "Container images name a version tag, not latest",
  description:
    "An image without a tag, or tagged latest, changes under the workload at the next pull: nobody can tell which code runs, and a rollback goes nowhere.",
  severity: "medium",
  resourceTypes: ["k8s.workload"],
  remediation: "Use an explicit version tag (and preferably a digest): image: registry/app:1.4.2@sha256:…",
  references: ["https://kubernetes.io/docs/concepts/containers/images/#image-names"],
  fixes: { kubernetes: "image: registry.example.com/app:1.4.2" },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const image = c.container.image;
      if (typeof image !== "string" || image === "")
        return fail(`container ${c.name} names no image`, { path: `${c.path}.image`, actual: image ?? null });
      const ref = imageRef(image);
      if (ref.digest)
        return pass(`container ${c.name} pins ${image}`, { path: `${c.path}.image`, actual: image });
      if (ref.tag === undefined || ref.tag === "latest")
        return fail(
          `container ${c.name} uses ${ref.tag === undefined ? "an untagged image" : "the latest tag"} (${image})`,
          {
            path: `${c.path}.image`,
            actual: image,
            expected: "an explicit version tag or a digest",
          },
        );
      return pass(`container ${c.name} uses tag ${ref.tag}`, { path: `${c.path}.image`, actual: image });
    });
  },
});
