import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { ImageError, RegistryError } from "./errors.js";
import type { ImageLimits } from "./limits.js";
import { type ImageSource, type LayerRef, type Platform, platformMatches } from "./source.js";
import { digestVerifier, through } from "./streams.js";

export type RegistryAuth = { username: string; password: string } | { token: string };

export interface ImageReference {
  /** Host[:port] as written; docker.io for Docker Hub. */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** Docker's reference rules: a first component with "." or ":" (or "localhost") is a registry host. */
export function parseImageReference(ref: string): ImageReference {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest))
      throw new ImageError(`image reference "${ref}": invalid digest "${digest}"`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf("/");
  const first = slash >= 0 ? rest.slice(0, slash) : "";
  let registry = "docker.io";
  let repository = rest;
  if (slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    registry = first;
    repository = rest.slice(slash + 1);
  }
  if (registry === "docker.io" && !repository.includes("/")) repository = `library/${repository}`;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository))
    throw new ImageError(`image reference "${ref}": invalid repository name "${repository}"`);
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag))
    throw new ImageError(`image reference "${ref}": invalid tag "${tag}"`);
  const parsed: ImageReference = { registry, repository };
  if (digest) parsed.digest = digest;
  else parsed.tag = tag ?? "latest";
  if (digest && tag) parsed.tag = tag;
  return parsed;
}

const MANIFEST_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

/** Credentials for a host from a docker config.json ("auths" entries; credential helpers are not run). */
export async function dockerConfigAuth(host: string, configPath?: string): Promise<RegistryAuth | undefined> {
  const path = configPath ?? join(process.env.DOCKER_CONFIG ?? join(homedir(), ".docker"), "config.json");
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, "utf8"));
  } catch {
    return undefined;
  }
  const auths = (
    doc as {
      auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
    }
  ).auths;
  if (!auths) return undefined;
  const candidates =
    host === "docker.io"
      ? ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"]
      : [host];
  for (const [key, entry] of Object.entries(auths)) {
    const keyHost = key.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
    if (!candidates.includes(key) && !candidates.includes(keyHost)) continue;
    if (entry.identitytoken) return { token: entry.identitytoken };
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const sep = decoded.indexOf(":");
      if (sep > 0) return { username: decoded.slice(0, sep), password: decoded.slice(sep + 1) };
    }
  }
  return undefined;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const m = /^(\w+)\s*(.*)$/.exec(header.trim());
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of (m[2] as string).matchAll(/(\w+)="([^"]*)"/g)) params[p[1] as string] = p[2] as string;
  return { scheme: (m[1] as string).toLowerCase(), params };
}

/** A small OCI distribution client: GET manifests and blobs, with the token dance when asked. */
class RegistryClient {
  private authorization: string | undefined;
  constructor(
    private readonly base: string,
    private readonly repository: string,
    private readonly auth: RegistryAuth | undefined,
  ) {}

  private async authenticate(challenge: Challenge | undefined, url: string): Promise<boolean> {
    if (!challenge) return false;
    if (challenge.scheme === "basic") {
      if (!this.auth || !("username" in this.auth)) return false;
      this.authorization = `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password}`).toString("base64")}`;
      return true;
    }
    if (challenge.scheme !== "bearer" || !challenge.params.realm) return false;
    const tokenUrl = new URL(challenge.params.realm);
    if (challenge.params.service) tokenUrl.searchParams.set("service", challenge.params.service);
    tokenUrl.searchParams.set("scope", challenge.params.scope ?? `repository:${this.repository}:pull`);
    const headers: Record<string, string> = {};
    if (this.auth && "username" in this.auth)
      headers.authorization = `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password}`).toString("base64")}`;
    else if (this.auth && "token" in this.auth) {
      tokenUrl.searchParams.set("grant_type", "refresh_token");
      headers.authorization = `Bearer ${this.auth.token}`;
    }
    let response: Response;
    try {
      response = await fetch(tokenUrl, { headers, signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      throw new RegistryError(
        `token request to ${tokenUrl.origin}${tokenUrl.pathname} failed: ${(error as Error).message}`,
      );
    }
    if (!response.ok)
      throw new RegistryError(
        `token request to ${tokenUrl.origin}${tokenUrl.pathname}: HTTP ${response.status} (for ${url})`,
      );
    const body = (await response.json().catch(() => ({}))) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token)
      throw new RegistryError(`token response from ${tokenUrl.origin}${tokenUrl.pathname} has no token`);
    this.authorization = `Bearer ${token}`;
    return true;
  }

  /** GET with auth retry, following redirects by hand so credentials never leave the registry's origin. */
  async get(path: string, accept?: string): Promise<Response> {
    const url = `${this.base}/v2/${this.repository}/${path}`;
    // Documents must arrive within a minute; layer blobs may stream for as long as they need.
    const signal = path.startsWith("manifests/") ? AbortSignal.timeout(60_000) : undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const headers: Record<string, string> = {};
      if (accept) headers.accept = accept;
      if (this.authorization) headers.authorization = this.authorization;
      let response = await this.fetch(url, { headers, redirect: "manual", ...(signal ? { signal } : {}) });
      for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 5; hops++) {
        const location = response.headers.get("location");
        if (!location) break;
        const next = new URL(location, url);
        const sameOrigin = next.origin === new URL(url).origin;
        response = await this.fetch(next.toString(), {
          headers: sameOrigin ? headers : {},
          redirect: "manual",
        });
      }
      if (response.status === 401 && attempt === 0) {
        await response.body?.cancel();
        if (await this.authenticate(parseChallenge(response.headers.get("www-authenticate")), url)) continue;
        throw new RegistryError(
          `${url}: HTTP 401 unauthorized${this.auth ? "" : " (no credentials found for this registry)"}`,
        );
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new RegistryError(`${url}: HTTP ${response.status}`);
      }
      return response;
    }
    throw new RegistryError(`${url}: HTTP 401 unauthorized (credentials refused)`);
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new RegistryError(`${url}: ${cause ?? (error as Error).message}`);
    }
  }
}

async function readLimited(response: Response, max: number, what: string): Promise<Buffer> {
  const length = Number(response.headers.get("content-length") ?? "0");
  if (length > max) throw new ImageError(`${what}: ${length} bytes, over the ${max}-byte limit`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of Readable.fromWeb(response.body as never)) {
    total += (chunk as Buffer).length;
    if (total > max) throw new ImageError(`${what}: over the ${max}-byte limit`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

export interface RegistryOptions {
  auth?: RegistryAuth;
  dockerConfig?: string;
  plainHttp?: boolean;
}

/** Pulls an image's manifest and config; layers stream on demand with their digests verified. */
export async function openRegistryImage(
  refText: string,
  platform: Platform,
  limits: ImageLimits,
  options: RegistryOptions,
): Promise<ImageSource> {
  const ref = parseImageReference(refText);
  const apiHost = ref.registry === "docker.io" ? "registry-1.docker.io" : ref.registry;
  const hostname = apiHost.replace(/:\d+$/, "");
  const plain =
    options.plainHttp ?? (hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]");
  const auth = options.auth ?? (await dockerConfigAuth(ref.registry, options.dockerConfig));
  const client = new RegistryClient(`${plain ? "http" : "https"}://${apiHost}`, ref.repository, auth);
  const where = `${ref.registry}/${ref.repository}`;

  const fetchManifest = async (reference: string, expectedDigest?: string) => {
    const response = await client.get(`manifests/${reference}`, MANIFEST_TYPES);
    const bytes = await readLimited(response, limits.maxDocumentBytes, `${where} manifest ${reference}`);
    const digest = sha256(bytes);
    if (expectedDigest && digest !== expectedDigest)
      throw new ImageError(`${where}: manifest digest mismatch: expected ${expectedDigest}, got ${digest}`);
    let doc: unknown;
    try {
      doc = JSON.parse(bytes.toString("utf8"));
    } catch {
      throw new ImageError(`${where}: manifest ${reference} is not valid JSON`);
    }
    return { doc: doc as Record<string, unknown>, digest };
  };

  let { doc, digest } = await fetchManifest(ref.digest ?? (ref.tag as string), ref.digest);
  if (Array.isArray(doc.manifests)) {
    const entries = doc.manifests as Record<string, unknown>[];
    const chosen = entries.find((m) => platformMatches(m.platform, platform));
    if (!chosen) {
      const offered = entries.map((m) => {
        const p = m.platform as Record<string, string> | undefined;
        return p ? `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ""}` : "?";
      });
      throw new ImageError(
        `${where}: no image for platform ${platform.os}/${platform.architecture} (has ${offered.join(", ")})`,
      );
    }
    ({ doc, digest } = await fetchManifest(String(chosen.digest), String(chosen.digest)));
  }
  const config = doc.config as Record<string, unknown> | undefined;
  if (!config || !Array.isArray(doc.layers))
    throw new ImageError(`${where}: manifest ${digest} has no config or layers (schema 1 is not supported)`);
  const configDigest = String(config.digest);
  const configResponse = await client.get(`blobs/${configDigest}`);
  const configBytes = await readLimited(configResponse, limits.maxDocumentBytes, `${where} config`);
  if (sha256(configBytes) !== configDigest)
    throw new ImageError(`${where}: config digest mismatch (${configDigest})`);
  let diffIds: string[] = [];
  try {
    diffIds =
      (JSON.parse(configBytes.toString("utf8")) as { rootfs?: { diff_ids?: string[] } }).rootfs?.diff_ids ??
      [];
  } catch {
    throw new ImageError(`${where}: config ${configDigest} is not valid JSON`);
  }
  if (doc.layers.length > limits.maxLayers)
    throw new ImageError(`${where}: more than ${limits.maxLayers} layers`);
  const layers: LayerRef[] = (doc.layers as Record<string, unknown>[]).map((layer, i) => {
    const out: LayerRef = { digest: String(layer.digest) };
    if (typeof layer.mediaType === "string") out.mediaType = layer.mediaType;
    if (typeof layer.size === "number") out.size = layer.size;
    if (diffIds[i]) out.diffId = diffIds[i];
    return out;
  });
  const shown = `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
  return {
    kind: "registry",
    ref: shown,
    repoTags: ref.tag ? [`${ref.registry}/${ref.repository}:${ref.tag}`] : [],
    manifestDigest: digest,
    configDigest,
    config: configBytes,
    layers,
    openLayer: async (layer) => {
      const response = await client.get(`blobs/${layer.digest}`);
      return through(
        Readable.fromWeb(response.body as never),
        digestVerifier(layer.digest, `${where} layer ${layer.digest}`),
      );
    },
  };
}
