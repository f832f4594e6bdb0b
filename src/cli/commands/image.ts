import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Command } from "commander";
import { readImage } from "../../sources/image/index.js";
import { addVulnOptions, runVulnCommand, type VulnCommandOptions } from "../../vuln/command.js";
import { imageExtras } from "../../vuln/image-findings.js";

interface ImageOptions extends VulnCommandOptions {
  platform?: string;
}

export function imageCommand(): Command {
  const command = new Command("image")
    .summary("find known vulnerabilities in a container image")
    .description(
      "Read an image — a docker-archive tarball (docker save), an OCI layout (folder or tar) or a registry " +
        "reference pulled over the OCI distribution API, no daemon needed — list its OS and language packages, " +
        "match them against the advisory database and report the vulnerabilities, the image checks (user, " +
        "healthcheck, secrets in ENV/labels/history, setuid files, sudo, caches…) and secrets found in its layers.",
    )
    .argument("<image>", "image reference or file")
    .option("--platform <os/arch[/variant]>", "platform to pick from a multi-arch index", "linux/amd64");
  addVulnOptions(command);
  return command.action(async (ref: string, options: ImageOptions) => {
    await runVulnCommand(async () => {
      const image = await readImage(ref, { platform: options.platform, secrets: true });
      const local = existsSync(ref);
      const name = image.repoTags[0] ?? image.ref;
      return {
        kind: "image",
        target: ref,
        scope: `image:${local ? resolve(ref) : ref}`,
        subject: { name, type: "container", ...(image.digest ? { version: image.digest } : {}) },
        packages: image.packages,
        warnings: image.warnings,
        extra: imageExtras(image.resource, image.secrets),
      };
    }, options);
  });
}
