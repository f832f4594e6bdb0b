import { resolve } from "node:path";
import { Command } from "commander";
import { scanFilesystem } from "../../sources/fs/index.js";
import { addVulnOptions, runVulnCommand, type VulnCommandOptions } from "../../vuln/command.js";
import { filesystemExtras } from "../../vuln/image-findings.js";

export function fsCommand(): Command {
  const command = new Command("fs")
    .summary("find known vulnerabilities in a root filesystem or a project checkout")
    .description(
      "Walk DIR for installed OS packages (dpkg, apk, rpm) and language lockfiles and manifests, match them " +
        "against the advisory database and report the vulnerabilities and the secrets found in its files.",
    )
    .argument("<dir>", "a root filesystem or a project folder");
  addVulnOptions(command);
  return command.action(async (dir: string, options: VulnCommandOptions) => {
    await runVulnCommand(async () => {
      const scan = await scanFilesystem(dir, { secrets: true });
      return {
        kind: "fs",
        target: dir,
        scope: `fs:${resolve(dir)}`,
        subject: { name: dir, type: "application" },
        packages: scan.packages,
        warnings: scan.warnings,
        extra: filesystemExtras(resolve(dir), scan.secrets),
      };
    }, options);
  });
}
