import type { Readable } from "node:stream";

export interface LayerRef {
  /** Blob digest (OCI, registry) or, for docker-archive, the layer's diff_id when known. */
  digest: string;
  /** Uncompressed digest from the config's rootfs.diff_ids. */
  diffId?: string;
  mediaType?: string;
  size?: number;
  /** docker-archive: the layer's entry name in the outer tar. */
  entry?: string;
}

/** One image, wherever it lives: the config document and a way to stream each layer. */
export interface ImageSource {
  kind: "docker-archive" | "oci-layout" | "oci-archive" | "registry";
  ref: string;
  repoTags: string[];
  manifestDigest?: string;
  configDigest?: string;
  config: Buffer;
  layers: LayerRef[];
  /** The raw layer blob (compressed or not), its digest verified as it streams. */
  openLayer(layer: LayerRef): Promise<Readable>;
  /** Releases what the source holds (a temporary decompressed copy of the archive). */
  close?(): Promise<void>;
}

/** "linux/arm64/v8" → parts. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split("/");
  if (!os || !architecture)
    throw new Error(`--platform "${text}": expected os/arch[/variant], e.g. linux/amd64`);
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** Whether an index entry's platform fits the wanted one (variant only compared when both name it). */
export function platformMatches(candidate: unknown, wanted: Platform): boolean {
  if (typeof candidate !== "object" || candidate === null) return false;
  const c = candidate as Record<string, unknown>;
  if (c.os !== wanted.os || c.architecture !== wanted.architecture) return false;
  if (wanted.variant && typeof c.variant === "string" && c.variant !== wanted.variant) return false;
  return true;
}
