/** Small converters shared by the azurerm_* mappers: Terraform's booleans and lists → ARM's shapes. */
import { isUnknown } from "../../../../model/index.js";
import { bool, first } from "./common.js";
import type { TfResourceInput } from "./input.js";

/** A `*_enabled` boolean → ARM's `Enabled`/`Disabled` string; unknown passes through. */
export function enabledState(value: unknown, fallback: boolean): unknown {
  const b = bool(value, fallback);
  return isUnknown(b) ? b : b ? "Enabled" : "Disabled";
}

/** A string attribute with the provider's default when absent; unknown passes through. */
export function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined || value === null ? fallback : value;
}

/** ARM's singular + plural field pair (`source_address_prefix` + `source_address_prefixes`) as one list. */
export function mergedList(single: unknown, plural: unknown): unknown {
  // An unknown list stays unknown; an unknown single value is one unknown entry.
  if (isUnknown(plural)) return plural;
  const out: unknown[] = [];
  if (single !== undefined && single !== null && single !== "") out.push(single);
  if (Array.isArray(plural)) out.push(...plural);
  return out;
}

/** An `identity { type }` block → ARM's `{type}` or null. */
export function identityOf(value: unknown): unknown {
  if (isUnknown(value)) return value;
  const block = Array.isArray(value) ? value[0] : value;
  if (isUnknown(block)) return block;
  const type = (block as { type?: unknown } | undefined)?.type;
  return type === undefined || type === null ? null : { type };
}

/** The attribute of `azurerm_private_endpoint` that names the resource it connects to. */
export const PRIVATE_ENDPOINT_LINK = "private_service_connection[0].private_connection_resource_id";

/**
 * `azurerm_private_endpoint`s connecting to a resource → ARM's
 * `privateEndpointConnections`. An automatic connection is approved on
 * creation; a manual one waits for the owner, and an endpoint made elsewhere
 * may exist, so the list is stated only when one is approved here (else absent).
 */
export function privateEndpointConnections(endpoints: TfResourceInput[]): unknown {
  const connections = endpoints.map((endpoint) => {
    const manual = bool(first(endpoint.values.private_service_connection)?.is_manual_connection);
    return {
      name: endpoint.values.name,
      properties: {
        privateLinkServiceConnectionState: {
          status: isUnknown(manual) ? manual : manual ? "Pending" : "Approved",
        },
      },
    };
  });
  return connections.some((c) => c.properties.privateLinkServiceConnectionState.status === "Approved")
    ? connections
    : undefined;
}
