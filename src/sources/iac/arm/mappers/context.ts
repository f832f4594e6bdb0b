import { getPath, isUnknown, type Unknown } from "../../../../model/index.js";
import type { Segment } from "../../cloudformation/located.js";
import type { ArmResource } from "../template.js";

export interface ArmMapContext {
  /** Records that canonical `canonicalPath` was read from `resource`'s body at `path` (e.g. "properties", "httpsOnly"). */
  at(canonicalPath: string, resource: ArmResource, ...path: Segment[]): void;
}

/**
 * Turns one ARM resource (and its child resources, nested or top-level) into
 * one canonical Azure resource. Property names follow ARM's (camelCase), which
 * is also what Azure Resource Graph returns, so a live Azure source can fill
 * the same shapes.
 */
export interface ArmMapper {
  canonicalType: string;
  /** ARM type, compared case-insensitively. */
  armType: string;
  /** Child types (full ARM types) joined into the parent by name prefix. */
  childTypes?: string[];
  map(resource: ArmResource, children: ArmResource[], ctx: ArmMapContext): Record<string, unknown>;
}

/** `resource.body.properties.<path>`; unknown when an enclosing value is. */
export function armProp(resource: ArmResource, ...path: Segment[]): unknown {
  return getPath(resource.body, ["properties", ...path]);
}

export function armBool(value: unknown, fallback: boolean | null): boolean | Unknown | null {
  if (isUnknown(value)) return value;
  if (value === true || value === "true" || value === "True") return true;
  if (value === false || value === "false" || value === "False") return false;
  return fallback;
}

/** The value, or `fallback` when absent. */
export function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined || value === null ? fallback : value;
}

/** API versions compare as dates (`2023-01-01`, `2023-01-01-preview`). */
export function apiAtLeast(resource: ArmResource, version: string): boolean {
  return resource.apiVersion.slice(0, 10) >= version;
}

/** ARM rules write one value or a list (`sourceAddressPrefix` / `sourceAddressPrefixes`): always a list here. */
export function merged(single: unknown, plural: unknown): unknown[] | Unknown {
  if (isUnknown(plural)) return plural;
  const out: unknown[] = [];
  if (single !== undefined && single !== null && single !== "") out.push(single);
  if (Array.isArray(plural)) out.push(...plural);
  return out;
}

/**
 * `privateEndpointConnections` of `resource` from the private endpoints the
 * template connects to it: an automatic connection is approved on creation, a
 * manual one waits for the owner. An endpoint may be made outside the template,
 * so the list is stated only when one is approved here (else absent).
 */
export function privateEndpointConnectionsOf(
  resource: ArmResource,
  children: ArmResource[],
): unknown[] | undefined {
  const own = (id: unknown) => {
    if (typeof id !== "string") return false;
    const parts = id.replace(/^.*\/providers\//i, "").split("/");
    return (
      `${parts[0]}/${parts[1]}`.toLowerCase() === resource.type.toLowerCase() && parts[2] === resource.label
    );
  };
  const connections: unknown[] = [];
  for (const endpoint of children.filter(
    (c) => c.type.toLowerCase() === "microsoft.network/privateendpoints",
  ))
    for (const [key, status] of [
      ["privateLinkServiceConnections", "Approved"],
      ["manualPrivateLinkServiceConnections", "Pending"],
    ] as const) {
      const list = armProp(endpoint, key);
      for (const c of Array.isArray(list) ? list : [])
        if (own((c as { properties?: { privateLinkServiceId?: unknown } })?.properties?.privateLinkServiceId))
          connections.push({
            name: (c as { name?: unknown })?.name ?? null,
            properties: { privateLinkServiceConnectionState: { status } },
          });
    }
  return connections.some(
    (c) =>
      (c as { properties: { privateLinkServiceConnectionState: { status: string } } }).properties
        .privateLinkServiceConnectionState.status === "Approved",
  )
    ? connections
    : undefined;
}
