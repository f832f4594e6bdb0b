/**
 * Helpers for checks on Kubernetes canonical resources (k8s.workload and
 * friends; shapes in docs/resource-types.md).
 */
import { isUnknown, type Resource } from "../../model/index.js";
import { type CheckResult, notApplicable } from "../check.js";

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === "string");

export const POD_SPEC_REFERENCE = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";
export const RBAC_GOOD_PRACTICES = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/";
export const CIS_KUBERNETES = "https://www.cisecurity.org/benchmark/kubernetes";

/** One container of a pod spec, with the property path that names it. */
export interface ContainerRef {
  container: Obj;
  /** `podSpec.containers[0]` */
  path: string;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  group: string;
  name: string;
  /** The container's merged security context (its own fields over the pod's inherited ones). */
  security: Obj;
  /** `podSpec.containers[0].effectiveSecurityContext` */
  securityPath: string;
}

export function podSpec(resource: Resource): Obj {
  return obj(resource.properties.podSpec);
}

const GROUPS = ["containers", "initContainers", "ephemeralContainers"] as const;

/** Every container of the workload; `groups` narrows to e.g. the long-running `containers`. */
export function containers(resource: Resource, groups: readonly string[] = GROUPS): ContainerRef[] {
  const spec = podSpec(resource);
  const out: ContainerRef[] = [];
  for (const group of groups)
    list(spec[group]).forEach((c, i) => {
      const container = obj(c);
      const path = `podSpec.${group}[${i}]`;
      out.push({
        container,
        path,
        group,
        name: typeof container.name === "string" ? container.name : `#${i}`,
        security: obj(container.effectiveSecurityContext ?? container.securityContext),
        securityPath: `${path}.effectiveSecurityContext`,
      });
    });
  return out;
}

/**
 * Runs `evaluate` on each container and keys every result by the container
 * (`containers/app`), so each container's finding keeps its own identity.
 */
export function eachContainer(
  resource: Resource,
  evaluate: (c: ContainerRef) => CheckResult,
  groups: readonly string[] = GROUPS,
): CheckResult[] {
  const found = containers(resource, groups);
  if (found.length === 0)
    return [notApplicable("the pod spec has no containers of this kind", { path: "podSpec" })];
  return found.map((c) => ({ ...evaluate(c), key: `${c.group}/${c.name}` }));
}

/** `ALL` is spelled in any case by some manifests; capabilities are compared upper-case without CAP_. */
export function capability(name: string): string {
  return name.toUpperCase().replace(/^CAP_/, "");
}

/** Image reference parts: `registry/repo:tag@sha256:…`. */
export function imageRef(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf("@");
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  const out: { name: string; tag?: string; digest?: string } =
    colon > slash ? { name: rest.slice(0, colon), tag: rest.slice(colon + 1) } : { name: rest };
  if (digest !== undefined) out.digest = digest;
  return out;
}

/** Whether a value is unknown at scan time (an unresolved template value). */
export const unknownValue = (v: unknown): boolean => isUnknown(v);

/** A Role/ClusterRole rule, with its index. */
export interface RuleRef {
  rule: Obj;
  path: string;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export function rules(resource: Resource): RuleRef[] {
  return list(resource.properties.rules).map((r, i) => {
    const rule = obj(r);
    return {
      rule,
      path: `rules[${i}]`,
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources),
      verbs: strings(rule.verbs).map((v) => v.toLowerCase()),
    };
  });
}

/** Whether a rule grants `verb` (or `*`) on the core-group resource `resource` (or `*`). */
export function grants(rule: RuleRef, resources: readonly string[], verbs: readonly string[]): boolean {
  const resourceMatch = rule.resources.some((r) => r === "*" || resources.includes(r));
  const verbMatch = rule.verbs.some((v) => v === "*" || verbs.includes(v));
  const groupMatch = rule.apiGroups.length === 0 || rule.apiGroups.some((g) => g === "" || g === "*");
  return resourceMatch && verbMatch && groupMatch;
}

/** Evaluates each rule of a Role/ClusterRole; a role without rules passes (it grants nothing). */
export function eachRule(
  resource: Resource,
  bad: (rule: RuleRef) => string | undefined,
  passMessage: string,
): CheckResult[] {
  const found = rules(resource);
  const out: CheckResult[] = [];
  for (const rule of found) {
    const problem = bad(rule);
    if (problem)
      out.push({
        status: "fail",
        message: problem,
        evidence: { path: rule.path, actual: rule.rule },
        key: rule.path,
      });
  }
  if (out.length > 0) return out;
  return [{ status: "pass", message: passMessage, evidence: { path: "rules" } }];
}
