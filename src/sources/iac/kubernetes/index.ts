import { readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, relative, sep } from "node:path";
import type { Resource, ScanError } from "../../../model/index.js";
import {
  DEFAULT_MAX_FILE_BYTES,
  emptyLoadResult,
  type IacFormat,
  type IacLoadOptions,
  type IacLoadResult,
} from "../format.js";
import { findHelm, renderChart } from "./helm.js";
import { type ManifestObject, parseManifests } from "./manifests.js";

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;

/** A template of a Helm chart: YAML with `{{ }}` under a `templates/` folder. Not a manifest until rendered. */
export function isChartTemplate(file: string, head: string): boolean {
  return head.includes("{{") && file.split(/[\\/]/).includes("templates");
}

export const format: IacFormat = {
  name: "kubernetes",
  fixtureSuffixes: [".k8s.yaml", ".k8s.yml", ".k8s.json"],
  claims(file, head) {
    const name = basename(file);
    if (name === "Chart.yaml") return true;
    if (!MANIFEST_EXTENSIONS.test(name) || isChartTemplate(file, head)) return false;
    if (/\.json$/i.test(name)) return /"apiVersion"\s*:/.test(head) && /"kind"\s*:/.test(head);
    return /^\s*(- )?apiVersion\s*:/m.test(head) && /^\s*(- )?kind\s*:/m.test(head);
  },
  load: loadKubernetes,
};

/**
 * Loads manifest files and Helm charts (their Chart.yaml). Give it every
 * manifest of a scan at once: a Namespace's `networkPolicies` lists the
 * NetworkPolicies found in all the files of the call, and a workload's
 * `serviceAccountAutomount` comes from its ServiceAccount among them.
 */
export async function loadKubernetes(files: string[], options: IacLoadOptions): Promise<IacLoadResult> {
  const result = emptyLoadResult();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const loaded: Array<{ file: string; object: ManifestObject }> = [];
  const helm = files.some((f) => basename(f) === "Chart.yaml") ? findHelm() : undefined;

  const addText = (file: string, text: string) => {
    const display = displayPath(file, options.roots);
    const parsed = parseManifests(text, display);
    result.errors.push(...parsed.errors);
    const first = loaded.length;
    for (const object of parsed.objects) loaded.push({ file: display, object });
    for (const { objectIndex, suppression } of parsed.suppressions) {
      const entry = loaded[first + objectIndex];
      if (entry)
        result.suppressions.push({ ...suppression, resourceId: resourceId(entry.file, entry.object) });
    }
  };

  for (const file of files) {
    if (basename(file) === "Chart.yaml") {
      const chartDir = displayPath(dirname(file), options.roots);
      if (!helm) {
        result.notes.push({ source: chartDir, message: "Helm chart skipped: helm is not on PATH" });
        continue;
      }
      try {
        for (const template of await renderChart(helm, file)) addText(template.file, template.text);
      } catch (error) {
        result.errors.push({ source: chartDir, message: (error as Error).message });
      }
      continue;
    }
    const text = readCapped(file, maxBytes, result.errors, options.roots);
    if (text === undefined) continue;
    if (isChartTemplate(file, text)) {
      result.notes.push({
        source: displayPath(file, options.roots),
        message: "Helm template skipped: scan its chart folder (with helm on PATH) to render it",
      });
      continue;
    }
    addText(file, text);
  }

  const policiesByNamespace = new Map<string, string[]>();
  for (const { object } of loaded)
    if (object.canonical.type === "k8s.network-policy" && object.canonical.namespace !== null) {
      const list = policiesByNamespace.get(object.canonical.namespace) ?? [];
      list.push(object.canonical.name);
      policiesByNamespace.set(object.canonical.namespace, list);
    }
  const automountByAccount = new Map<string, unknown>();
  for (const { object } of loaded)
    if (object.canonical.type === "k8s.service-account")
      automountByAccount.set(
        `${object.canonical.namespace}/${object.canonical.name}`,
        object.canonical.properties.automountServiceAccountToken,
      );
  for (const { file, object } of loaded) {
    if (object.canonical.type === "k8s.workload") {
      const spec = object.canonical.properties.podSpec as Record<string, unknown>;
      const account = typeof spec.serviceAccountName === "string" ? spec.serviceAccountName : "default";
      const automount = automountByAccount.get(`${object.canonical.namespace}/${account}`);
      if (typeof automount === "boolean") object.canonical.properties.serviceAccountAutomount = automount;
    }
    if (object.canonical.type === "k8s.namespace")
      object.canonical.properties.networkPolicies = policiesByNamespace.get(object.canonical.name) ?? [];
    result.resources.push(toResource(file, object));
  }
  return result;
}

export function resourceId(file: string, object: ManifestObject): string {
  return `${file}#${object.canonical.address}`;
}

function toResource(file: string, object: ManifestObject): Resource {
  const { canonical } = object;
  return {
    type: canonical.type,
    id: resourceId(file, object),
    provider: "kubernetes",
    name: canonical.name,
    tags: canonical.labels,
    properties: canonical.properties,
    provenance: {
      kind: "iac",
      format: "kubernetes",
      file,
      range: object.range,
      properties: object.properties,
    },
  };
}

/** Reads a file unless it is larger than the cap; the error names the file and the cap. */
export function readCapped(
  file: string,
  maxBytes: number,
  errors: ScanError[],
  roots?: string[],
): string | undefined {
  const source = displayPath(file, roots);
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      errors.push({ source, message: `file is ${size} bytes, over the ${maxBytes}-byte limit; skipped` });
      return undefined;
    }
    return readFileSync(file, "utf8");
  } catch (error) {
    errors.push({
      source,
      message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
    return undefined;
  }
}

/** The path relative to the scan root that holds it, for stable ids and readable reports. */
export function displayPath(file: string, roots?: string[]): string {
  for (const root of roots ?? []) {
    const rel = relative(root, file);
    if (rel === "") return basename(file);
    if (!rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  }
  return file;
}
