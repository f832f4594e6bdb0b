/**
 * `locks` of a resource from the `azurerm_management_lock`s of the
 * configuration: those scoped to the resource itself, to its resource group
 * or to a subscription, in the shape of `Microsoft.Authorization/locks`.
 *
 * A lock on the resource group or subscription may be made outside the
 * configuration, so an empty list is stated only when the configuration
 * declares the resource group (and so its locks); otherwise no lock here is
 * unknown. A lock the configuration does declare settles its own level.
 */
import { isUnknown, unknown } from "../../../../model/index.js";
import { subscriptionTarget } from "./azure-subscription.js";
import type { PropertyLines, TfConfiguration } from "./common.js";
import type { TfResourceInput } from "./input.js";

const RESOURCE_GROUP_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/?$/i;

/** The declared resource group a resource sits in, by name (`resource_group_name`). */
function declaredResourceGroup(
  resource: TfResourceInput,
  config: TfConfiguration,
): TfResourceInput | undefined {
  const name = resource.values.resource_group_name;
  if (typeof name !== "string") return undefined;
  return config
    .ofType("azurerm_resource_group")
    .find((g) => typeof g.values.name === "string" && g.values.name.toLowerCase() === name.toLowerCase());
}

/** Whether `lock` applies to `resource`: scoped to it, its resource group, or a subscription. */
function applies(
  lock: TfResourceInput,
  resource: TfResourceInput,
  group: TfResourceInput | undefined,
): boolean {
  const refs = lock.refs.scope ?? [];
  const scope = lock.values.scope;
  if (refs.includes(resource.address)) return true;
  if (group && refs.includes(group.address)) return true;
  if (subscriptionTarget(lock, "scope") !== undefined) return true;
  if (typeof scope !== "string") return false;
  const rg = RESOURCE_GROUP_ID.exec(scope)?.[1];
  const own = resource.values.resource_group_name;
  if (rg !== undefined) return typeof own === "string" && rg.toLowerCase() === own.toLowerCase();
  return typeof resource.values.id === "string" && scope.toLowerCase() === resource.values.id.toLowerCase();
}

export function locksOf(resource: TfResourceInput, config: TfConfiguration, props: PropertyLines): unknown {
  const group = declaredResourceGroup(resource, config);
  const locks: Record<string, unknown>[] = [];
  for (const lock of config.ofType("azurerm_management_lock")) {
    if (!applies(lock, resource, group)) continue;
    const level = lock.values.lock_level;
    if (isUnknown(level)) return level;
    props.add("locks", lock);
    locks.push({
      name: lock.values.name ?? null,
      level,
      scope: typeof lock.values.scope === "string" ? lock.values.scope : (lock.refs.scope?.[0] ?? null),
    });
  }
  if (locks.length > 0 || group) return locks;
  return unknown(
    "no management lock applies here and the resource group is not declared in the configuration; a lock on it or on the subscription may be made elsewhere",
  );
}
