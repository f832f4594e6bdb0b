import { formatPath, parsePath } from "./path.js";

export const PROVIDERS = ["aws", "azure", "gcp", "kubernetes", "docker", "generic"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** A 1-based, inclusive range of lines in a file. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

/** Where a resource came from. */
export type Provenance =
  | {
      /** Read from a cloud or cluster API. */
      kind: "live";
      /** The source module, e.g. "aws/s3". */
      source: string;
      collectedAt: string;
    }
  | {
      /** Built from an infrastructure-as-code file. */
      kind: "iac";
      /** e.g. "terraform", "cloudformation", "kubernetes", "dockerfile". */
      format: string;
      file: string;
      /** Lines of the resource's own block. */
      range: LineRange;
      /** Lines of each property, keyed by property path (see model/path.ts), where known. */
      properties?: Record<string, LineRange>;
    }
  | {
      /** Loaded from a saved export (snapshot file). */
      kind: "snapshot";
      file: string;
      collectedAt?: string;
    };

/**
 * The canonical shape that every source produces and every check reads. The
 * same `type` has the same property names whether it came from the live API,
 * from IaC or from a snapshot, so one check covers all three.
 */
export interface Resource {
  /** Canonical type id, `<provider>.<service>.<kind>`: aws.s3.bucket, k8s.workload, docker.image-config. */
  type: string;
  /**
   * Stable id: ARN, Azure resource id, GCP full resource name,
   * Kubernetes `namespace/kind/name`, or `file#address` for IaC.
   */
  id: string;
  provider: Provider;
  /** AWS account, Azure subscription, GCP project. */
  account?: string;
  region?: string;
  name: string;
  tags: Record<string, string>;
  /** JSON values; any of them may be an `Unknown` marker (model/unknown.ts). */
  properties: Record<string, unknown>;
  provenance: Provenance;
}

/** What a finding keeps of its resource. */
export interface ResourceRef {
  id: string;
  type: string;
  name: string;
  provider: Provider;
  account?: string;
  region?: string;
}

export function resourceRef(resource: Resource): ResourceRef {
  const ref: ResourceRef = {
    id: resource.id,
    type: resource.type,
    name: resource.name,
    provider: resource.provider,
  };
  if (resource.account !== undefined) ref.account = resource.account;
  if (resource.region !== undefined) ref.region = resource.region;
  return ref;
}

/** A file location for findings on IaC resources. */
export interface Location extends LineRange {
  file: string;
}

/**
 * The location of one property of an IaC resource: the lines of the longest
 * known prefix of `path`, else the resource's own block. Undefined for live
 * and snapshot resources.
 */
export function locate(resource: Resource, path?: string): Location | undefined {
  const provenance = resource.provenance;
  if (provenance.kind !== "iac") return undefined;
  if (path !== undefined && provenance.properties) {
    const ranges = normalizedRanges(provenance.properties);
    const segments = parsePath(path);
    for (let length = segments.length; length > 0; length--) {
      const range = ranges.get(formatPath(segments.slice(0, length)));
      if (range) return { file: provenance.file, ...range };
    }
  }
  return { file: provenance.file, ...provenance.range };
}

// Property keys normalised once per resource (`a["b"]` and `a.b` are one path), not once per lookup:
// a resource is located once per finding, and large scans have many findings per resource.
const rangeCache = new WeakMap<Record<string, LineRange>, Map<string, LineRange>>();

function normalizedRanges(properties: Record<string, LineRange>): Map<string, LineRange> {
  let ranges = rangeCache.get(properties);
  if (!ranges) {
    ranges = new Map();
    for (const [key, range] of Object.entries(properties)) {
      const normal = formatPath(parsePath(key));
      if (!ranges.has(normal)) ranges.set(normal, range);
    }
    rangeCache.set(properties, ranges);
  }
  return ranges;
}
