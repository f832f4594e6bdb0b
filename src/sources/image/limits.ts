/** Caps on what an image may make Mamori read or keep; each overrun is a one-line ImageError. */
export interface ImageLimits {
  /** Entries (files, directories, links) over all layers. */
  maxEntries: number;
  /** Uncompressed bytes of one layer (decompression bombs stop here). */
  maxLayerBytes: number;
  /** Uncompressed bytes over all layers. */
  maxTotalBytes: number;
  /** Bytes of file content kept in memory at once for the extractors (one file at a time is read). */
  maxKeptFileBytes: number;
  /** Bytes of the manifest, index and config documents. */
  maxDocumentBytes: number;
  /** Layers in one image. */
  maxLayers: number;
}

export const DEFAULT_LIMITS: ImageLimits = {
  maxEntries: 2_000_000,
  maxLayerBytes: 32 * 1024 ** 3,
  maxTotalBytes: 64 * 1024 ** 3,
  maxKeptFileBytes: 512 * 1024 ** 2,
  maxDocumentBytes: 8 * 1024 ** 2,
  maxLayers: 1000,
};

export function resolveLimits(overrides?: Partial<ImageLimits>): ImageLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
