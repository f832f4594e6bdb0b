import { getPath, isUnknown, type Resource } from "../../../model/index.js";
import { type CheckResult, fail, notApplicable, pass } from "../../check.js";

/**
 * Like `requireSetting`, for properties only a live or snapshot source reports
 * (an ARM template does not say them): absent means "not reported" and gives
 * not_applicable instead of a failure.
 */
export function requireReported(
  resource: Resource,
  path: string,
  accepted: (value: unknown) => boolean,
  text: { ok: string; bad: (value: unknown) => string; expected: unknown },
): CheckResult {
  const value = getPath(resource.properties, path);
  if (isUnknown(value)) return notApplicable(`${path} is not known`, { path, actual: value });
  if (value === undefined) return notApplicable(`${path} is not reported by this source`, { path });
  if (accepted(value)) return pass(text.ok, { path, actual: value });
  return fail(text.bad(value), { path, actual: value, expected: text.expected });
}

/** A list the source reports, or a not_applicable result saying why it cannot be read. */
export function reportedList(resource: Resource, path: string): unknown[] | CheckResult {
  const value = getPath(resource.properties, path);
  if (isUnknown(value)) return notApplicable(`${path} is not known`, { path, actual: value });
  if (value === undefined || value === null)
    return notApplicable(`${path} is not reported by this source`, { path });
  return Array.isArray(value) ? value : notApplicable(`${path} is not a list`, { path, actual: value });
}

/** Like `reportedList`, except that a value that is not a list counts as an empty one. */
export function reportedItems(resource: Resource, path: string): unknown[] | CheckResult {
  const value = getPath(resource.properties, path);
  if (isUnknown(value)) return notApplicable(`${path} is not known`, { path, actual: value });
  if (value === undefined || value === null)
    return notApplicable(`${path} is not reported by this source`, { path });
  return Array.isArray(value) ? value : [];
}

/** Passes when the reported `privateEndpointConnections` hold an approved connection. */
export function requireApprovedPrivateEndpoint(resource: Resource): CheckResult {
  const list = reportedList(resource, "privateEndpointConnections");
  if (!Array.isArray(list)) return list;
  const approved = list.filter(
    (c) =>
      (c as { properties?: { privateLinkServiceConnectionState?: { status?: unknown } } })?.properties
        ?.privateLinkServiceConnectionState?.status === "Approved",
  );
  if (approved.length > 0)
    return pass(`${approved.length} approved private endpoint connection(s)`, {
      path: "privateEndpointConnections",
    });
  return fail("no approved private endpoint connection", {
    path: "privateEndpointConnections",
    actual: list,
    expected: "an approved private endpoint connection",
  });
}
