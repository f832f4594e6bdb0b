/** Helpers shared by the Terraform `google_*` mappers (canonical GCP types keep the Google Cloud API field names). */
import { isUnknown, type unknown } from "../../../../model/index.js";
import type { Companions, PropertyLines } from "./common.js";
import type { TfResourceInput } from "./input.js";

/** The GCP project of a resource: its `project` attribute when the configuration sets it. */
export function projectOf(resource: TfResourceInput): { account?: string } {
  const project = resource.values.project;
  return typeof project === "string" && project !== "" ? { account: project } : {};
}

/** Google resources carry `labels`, not tags; string values only. */
export function labels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value))
    for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}

/** Blocks of a nested attribute as objects; unknown stays unknown, absent is an empty list. */
export function blocks(value: unknown): Record<string, unknown>[] | ReturnType<typeof unknown> {
  if (isUnknown(value)) return value;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v),
  );
}

/** Drops keys whose value is undefined or null, so absent attributes stay absent in the canonical shape. */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null));
}

/**
 * `iamPolicy.bindings` from `*_iam_binding` (role + members) and
 * `*_iam_member` (role + member) companions, members of one role merged.
 * An unknown role or member makes the whole policy unknown.
 */
export function iamPolicyFrom(
  companions: Companions,
  bindingType: string,
  memberType: string,
  props: PropertyLines,
): unknown {
  const byRole = new Map<string, string[]>();
  const entries: [TfResourceInput, unknown][] = [
    ...(companions.get(bindingType) ?? []).map((b): [TfResourceInput, unknown] => [b, b.values.members]),
    ...(companions.get(memberType) ?? []).map((m): [TfResourceInput, unknown] => [m, [m.values.member]]),
  ];
  for (const [resource, members] of entries) {
    const role = resource.values.role;
    if (isUnknown(role)) return role;
    if (isUnknown(members)) return members;
    if (typeof role !== "string") continue;
    const list = Array.isArray(members) ? members : [];
    const unknownMember = list.find((m) => isUnknown(m));
    if (unknownMember !== undefined) return unknownMember;
    const merged = byRole.get(role) ?? [];
    for (const m of list) if (typeof m === "string" && !merged.includes(m)) merged.push(m);
    byRole.set(role, merged);
  }
  const bindings = [...byRole].map(([role, members]) => ({ role, members }));
  bindings.forEach((binding, i) => {
    const source = entries.find(([r]) => r.values.role === binding.role)?.[0];
    if (source) props.add(`iamPolicy.bindings[${i}].members`, source);
  });
  return { bindings };
}
