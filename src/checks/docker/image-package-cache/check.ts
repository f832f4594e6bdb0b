import { defineCheck, fail, notApplicable, pass } from "../../check.js";
import { DOCKER_BEST_PRACTICES } from "../../lib/docker.js";

interface Cache {
  path: string;
  bytes: number;
}

export default defineCheck({
  id: "docker.image-package-cache",
  title: "Package manager caches are not left in the image",
  description:
    "apt lists, downloaded .deb/.apk files and pip/npm caches left in a layer make the image bigger and ship stale package indexes. The Dockerfile checks apt-lists-cleanup and yum-cache-cleanup look at the commands; this one at what the image really holds.",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Clean in the same RUN that installs: apt-get clean && rm -rf /var/lib/apt/lists/*; apk add --no-cache; pip install --no-cache-dir; npm cache clean --force.",
  references: [`${DOCKER_BEST_PRACTICES}#apt-get`],
  fixes: {
    dockerfile:
      "RUN apt-get update && apt-get install -y --no-install-recommends pkg=1.0 && apt-get clean && rm -rf /var/lib/apt/lists/*",
  },
  evaluate(resource) {
    const caches = resource.properties.packageCaches;
    if (!Array.isArray(caches))
      return notApplicable("the image's files were not read (a Dockerfile)", { path: "packageCaches" });
    if (caches.length === 0)
      return pass("no package manager cache in the image", { path: "packageCaches", actual: [] });
    return (caches as Cache[]).map((cache, i) =>
      fail(
        `${cache.path} holds ${cache.bytes} bytes of package cache`,
        { path: `packageCaches[${i}]`, actual: cache, expected: "empty" },
        cache.path,
      ),
    );
  },
});
