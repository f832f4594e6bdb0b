/** Small converters shared by the azurerm_* mappers: Terraform's booleans and lists → ARM's shapes. */
import { isUnknown } from "../../../../model/index.js";
import { bool } from "./common.js";

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
