import { defineCheck, fail, notApplicable, pass } from "../../check.js";
import { CIS_DOCKER } from "../../lib/docker.js";

interface SetuidFile {
  path: string;
  mode: string;
}

export default defineCheck({
  id: "docker.image-setuid-files",
  title: "The image has no setuid or setgid files",
  description:
    "A setuid or setgid binary runs with its owner's rights whatever the caller: in a container it is a path from the application user back to root. Most containers need none. Reads the image's files (image scans only).",
  severity: "low",
  resourceTypes: ["docker.image-config"],
  remediation:
    "Remove the bits in the final stage: RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + (or drop the packages that ship them).",
  references: [CIS_DOCKER, "CIS Docker 4.8"],
  fixes: { dockerfile: "RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true" },
  evaluate(resource) {
    const files = resource.properties.setuidFiles;
    if (!Array.isArray(files))
      return notApplicable("the image's files were not read (a Dockerfile)", { path: "setuidFiles" });
    if (files.length === 0)
      return pass("no file has the setuid or setgid bit", { path: "setuidFiles", actual: [] });
    return (files as SetuidFile[]).map((file, i) =>
      fail(
        `${file.path} has mode ${file.mode}`,
        { path: `setuidFiles[${i}]`, actual: file, expected: "no setuid/setgid bit" },
        file.path,
      ),
    );
  },
});
