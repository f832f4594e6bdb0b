import type { LineRange } from "../../../../model/index.js";

/**
 * One Terraform resource instance as the mappers see it, whether it was
 * evaluated from HCL or read from a plan's JSON: plain attribute values
 * (nested blocks are lists of objects, unknowns are markers) plus what is
 * known of positions and references.
 */
export interface TfResourceInput {
  /** Terraform resource type, e.g. aws_s3_bucket. */
  type: string;
  /** Full address: `module.net.aws_security_group.web["a"]`. */
  address: string;
  /** "" for the root module, else `module.net` (with instance keys). */
  moduleAddress: string;
  /** The region of the resource's AWS provider, when the configuration sets it. */
  region?: string;
  /** count index or for_each key of this instance. */
  indexKey?: string | number;
  /** The file as reported (relative to the scan root when one is given). */
  file: string;
  range: LineRange;
  values: Record<string, unknown>;
  /** Lines of attributes and blocks by path in `values` (e.g. `ingress[0].cidr_blocks`), where known. */
  lines: Record<string, LineRange>;
  /** Addresses of other resources an attribute refers to, by attribute path (e.g. `bucket`). */
  refs: Record<string, string[]>;
}
