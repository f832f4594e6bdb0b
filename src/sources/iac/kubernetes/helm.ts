import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";

/** The `helm` executable on PATH, or undefined. */
export function findHelm(path = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, process.platform === "win32" ? "helm.exe" : "helm");
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface RenderedTemplate {
  /** The chart file the document came from (`<chart dir>/templates/x.yaml`). */
  file: string;
  text: string;
}

/**
 * Renders a chart with `helm template` (no cluster access, default values)
 * and splits the output by its `# Source:` comments, so each document is
 * attributed to the template that produced it.
 */
export async function renderChart(helm: string, chartFile: string): Promise<RenderedTemplate[]> {
  const chartDir = dirname(chartFile);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      helm,
      ["template", "mamori-scan", chartDir],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, out, err) => {
        if (error) reject(new Error(`helm template failed: ${(err || error.message).trim().split("\n")[0]}`));
        else resolve(out);
      },
    );
  });
  const byFile = new Map<string, string[]>();
  for (const chunk of stdout.split(/^---\s*$/m)) {
    const source = /^# Source: (.+)$/m.exec(chunk)?.[1]?.trim();
    if (!source || chunk.trim() === "") continue;
    // helm names the source `<chart name>/templates/x.yaml`; drop the chart name to get a path in the folder.
    const relative = source.split("/").slice(1).join("/");
    const file = join(chartDir, relative);
    const list = byFile.get(file) ?? [];
    list.push(chunk.replace(/^\n/, ""));
    byFile.set(file, list);
  }
  return [...byFile].map(([file, chunks]) => ({ file, text: chunks.join("---\n") }));
}
