import { basename, resolve } from "node:path";
import { Command } from "commander";
import { addVulnOptions, runVulnCommand, type VulnCommandOptions } from "../../vuln/command.js";
import { readSbomFile } from "../../vuln/sbom/read.js";

export function sbomCommand(): Command {
  const command = new Command("sbom")
    .summary("find known vulnerabilities in the packages of an SBOM")
    .description(
      "Read FILE (CycloneDX 1.5/1.6 JSON or SPDX 2.3 JSON), match its packages (by purl) against the advisory " +
        "database and report the vulnerabilities. Components without a purl are listed as warnings.",
    )
    .argument("<file>", "the SBOM");
  addVulnOptions(command);
  return command.action(async (file: string, options: VulnCommandOptions) => {
    await runVulnCommand(async () => {
      const sbom = readSbomFile(file);
      const name = sbom.subject ?? basename(file);
      return {
        kind: "sbom",
        target: file,
        // An SBOM describes something: its findings are that thing's, whichever file carried them.
        scope: sbom.subject ? `sbom:${sbom.subject}` : `sbom:${resolve(file)}`,
        subject: { name, type: "file" },
        packages: sbom.packages,
        warnings:
          sbom.skipped.length > 0
            ? [`${file}: ${sbom.skipped.length} components have no purl and were not matched`]
            : [],
      };
    }, options);
  });
}
