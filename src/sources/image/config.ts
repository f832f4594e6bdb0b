import type { Resource } from "../../model/index.js";
import { ImageError } from "./errors.js";

export interface HistoryEntry {
  created?: string;
  createdBy: string;
  emptyLayer: boolean;
  comment?: string;
}

export interface Healthcheck {
  /** ["CMD", …], ["CMD-SHELL", "…"], or ["NONE"] when disabled. */
  test: string[];
  interval?: number;
  timeout?: number;
  startPeriod?: number;
  startInterval?: number;
  retries?: number;
}

/** What Mamori keeps of an image's config document (OCI image config / Docker image JSON). */
export interface ImageConfig {
  os?: string;
  architecture?: string;
  variant?: string;
  created?: string;
  user: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  exposedPorts: string[];
  healthcheck: Healthcheck | null;
  /** null when the config sets none. */
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir: string;
  volumes: string[];
  stopSignal?: string;
  history: HistoryEntry[];
}

function obj(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function parseImageConfig(bytes: Buffer, where: string): ImageConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new ImageError(`${where}: image config is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw new ImageError(`${where}: image config is not an object`);
  const top = doc as Record<string, unknown>;
  const c = obj(top.config);
  const env: Record<string, string> = {};
  for (const pair of strings(c.Env)) {
    const eq = pair.indexOf("=");
    if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
    else env[pair] = "";
  }
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(c.Labels))) if (typeof v === "string") labels[k] = v;
  let healthcheck: Healthcheck | null = null;
  const hc = obj(c.Healthcheck);
  if (Array.isArray(hc.Test)) {
    healthcheck = { test: strings(hc.Test) };
    // Docker stores durations in nanoseconds.
    if (typeof hc.Interval === "number") healthcheck.interval = hc.Interval;
    if (typeof hc.Timeout === "number") healthcheck.timeout = hc.Timeout;
    if (typeof hc.StartPeriod === "number") healthcheck.startPeriod = hc.StartPeriod;
    if (typeof hc.StartInterval === "number") healthcheck.startInterval = hc.StartInterval;
    if (typeof hc.Retries === "number") healthcheck.retries = hc.Retries;
  }
  const history: HistoryEntry[] = (Array.isArray(top.history) ? top.history : []).map((h) => {
    const entry = obj(h);
    const out: HistoryEntry = {
      createdBy: typeof entry.created_by === "string" ? entry.created_by : "",
      emptyLayer: entry.empty_layer === true,
    };
    if (typeof entry.created === "string") out.created = entry.created;
    if (typeof entry.comment === "string") out.comment = entry.comment;
    return out;
  });
  const config: ImageConfig = {
    user: typeof c.User === "string" ? c.User : "",
    env,
    labels,
    exposedPorts: Object.keys(obj(c.ExposedPorts)),
    healthcheck,
    entrypoint: Array.isArray(c.Entrypoint) ? strings(c.Entrypoint) : null,
    cmd: Array.isArray(c.Cmd) ? strings(c.Cmd) : null,
    workingDir: typeof c.WorkingDir === "string" ? c.WorkingDir : "",
    volumes: Object.keys(obj(c.Volumes)),
    history,
  };
  if (typeof top.os === "string") config.os = top.os;
  if (typeof top.architecture === "string") config.architecture = top.architecture;
  if (typeof top.variant === "string") config.variant = top.variant;
  if (typeof top.created === "string") config.created = top.created;
  if (typeof c.StopSignal === "string") config.stopSignal = c.StopSignal;
  return config;
}

/** Facts only an image's files can tell (the Dockerfile cannot), for the image-* checks. */
export interface ImageFileFacts {
  /** Regular files with the setuid or setgid bit: path and mode (octal string). */
  setuidFiles: { path: string; mode: string }[];
  /** sudo (or doas) binaries present. */
  sudoPaths: string[];
  /** Package-manager caches and index lists left in the image, with their size in bytes. */
  packageCaches: { path: string; bytes: number }[];
}

/**
 * The image as a `docker.image-config` resource, the type the Dockerfile adapter also builds,
 * so the same checks (root user, HEALTHCHECK, secrets in ENV, latest tag) run on both.
 */
export function imageResource(
  ref: string,
  repoTags: string[],
  config: ImageConfig,
  facts: ImageFileFacts,
  digest: string | undefined,
  /** The config digest is the image ID: it names an image that has no manifest digest (docker-archive). */
  configDigest?: string,
): Resource {
  const tag = repoTags[0] ?? ref;
  const properties: Record<string, unknown> = {
    source: "image",
    user: config.user,
    env: config.env,
    labels: config.labels,
    exposedPorts: config.exposedPorts,
    healthcheck: config.healthcheck,
    entrypoint: config.entrypoint,
    cmd: config.cmd,
    workdir: config.workingDir === "" ? null : config.workingDir,
    stages: baseStages(config.labels),
    // An image keeps no Dockerfile instructions: build-hygiene checks are not applicable to it.
    instructions: null,
    history: config.history.map((h) => ({ createdBy: h.createdBy, emptyLayer: h.emptyLayer })),
    // Image-only facts (see docs/resource-types.md).
    image: tag,
    repoTags,
    digest: digest ?? null,
    os: config.os ?? null,
    architecture: config.architecture ?? null,
    setuidFiles: facts.setuidFiles,
    sudoPaths: facts.sudoPaths,
    packageCaches: facts.packageCaches,
  };
  return {
    type: "docker.image-config",
    id: digest ? `${tag}@${digest}` : configDigest ? `${tag}@${configDigest}` : tag,
    provider: "docker",
    name: tag,
    tags: config.labels,
    properties,
    provenance: { kind: "live", source: "image", collectedAt: new Date().toISOString() },
  };
}

/** The base image, when the builder recorded it (`org.opencontainers.image.base.name`/`.digest`). */
function baseStages(labels: Record<string, string>): unknown[] {
  const ref = labels["org.opencontainers.image.base.name"];
  if (!ref) return [];
  const at = ref.indexOf("@");
  const withoutDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = withoutDigest.lastIndexOf(":");
  const hasTag = colon > withoutDigest.lastIndexOf("/");
  const digest = labels["org.opencontainers.image.base.digest"] ?? (at >= 0 ? ref.slice(at + 1) : null);
  return [
    {
      index: 0,
      name: null,
      base: {
        ref,
        image: hasTag ? withoutDigest.slice(0, colon) : withoutDigest,
        tag: hasTag ? withoutDigest.slice(colon + 1) : null,
        digest,
        stage: null,
        platform: null,
      },
      line: null,
    },
  ];
}
