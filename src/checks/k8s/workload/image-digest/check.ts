import { defineCheck, fail, pass } from "../../../check.js";
import { eachContainer, imageRef } from "../../../lib/k8s.js";

export default defineCheck({
  id: "k8s.workload.image-digest",
  title: "Container images are pinned by digest",
  description:
    "A tag can be moved to other content; only a digest (@sha256:…) names exactly the image that was scanned and approved.",
  severity: "low",
  resourceTypes: ["k8s.workload"],
  remediation: "Reference images by digest: image: registry/app:1.4.2@sha256:<digest>.",
  references: ["https://kubernetes.io/docs/concepts/containers/images/#image-names"],
  fixes: { kubernetes: "image: registry.example.com/app:1.4.2@sha256:<digest>" },
  evaluate(resource) {
    return eachContainer(resource, (c) => {
      const image = c.container.image;
      if (typeof image === "string" && imageRef(image).digest?.startsWith("sha256:"))
        return pass(`container ${c.name} is pinned by digest`, { path: `${c.path}.image`, actual: image });
      return fail(`container ${c.name} image ${String(image)} is not pinned by digest`, {
        path: `${c.path}.image`,
        actual: image ?? null,
        expected: "image@sha256:<digest>",
      });
    });
  },
});
