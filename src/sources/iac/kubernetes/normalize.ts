/**
 * Kubernetes objects → canonical resource parts. Pure, no I/O, so the live
 * Kubernetes source can build the very same shapes from API objects.
 */

export const WORKLOAD_KINDS = [
  "Pod",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "CronJob",
  "ReplicationController",
] as const;

const REPLICATED = new Set(["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"]);
const CLUSTER_SCOPED = new Set(["ClusterRole", "ClusterRoleBinding", "Namespace"]);

const TYPE_OF_KIND: Record<string, string> = {
  Role: "k8s.role",
  ClusterRole: "k8s.role",
  RoleBinding: "k8s.role-binding",
  ClusterRoleBinding: "k8s.role-binding",
  ServiceAccount: "k8s.service-account",
  NetworkPolicy: "k8s.network-policy",
  Service: "k8s.service",
  Ingress: "k8s.ingress",
  Namespace: "k8s.namespace",
};
for (const kind of WORKLOAD_KINDS) TYPE_OF_KIND[kind] = "k8s.workload";

/** The securityContext fields a container inherits from its pod when it does not set them. */
export const INHERITED_SECURITY_FIELDS = [
  "runAsUser",
  "runAsGroup",
  "runAsNonRoot",
  "seccompProfile",
  "seLinuxOptions",
  "appArmorProfile",
  "windowsOptions",
] as const;

export const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;

/** Where the pod spec and pod-template metadata sit in each workload kind. */
function podPaths(kind: string): { spec: string; metadata: string } {
  if (kind === "Pod") return { spec: "spec", metadata: "metadata" };
  if (kind === "CronJob")
    return {
      spec: "spec.jobTemplate.spec.template.spec",
      metadata: "spec.jobTemplate.spec.template.metadata",
    };
  return { spec: "spec.template.spec", metadata: "spec.template.metadata" };
}

export interface CanonicalObject {
  type: string;
  kind: string;
  /** null for cluster-scoped kinds. */
  namespace: string | null;
  name: string;
  /** The `namespace/kind/name` part of the id (`_cluster/kind/name` for cluster-scoped kinds). */
  address: string;
  labels: Record<string, string>;
  properties: Record<string, unknown>;
  /** Canonical property path prefix → raw manifest path prefix, for line numbers. */
  pathMap: Array<[string, string]>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const get = (root: unknown, dotted: string): unknown =>
  dotted.split(".").reduce<unknown>((cur, key) => (isObj(cur) ? cur[key] : undefined), root);

/** Canonical type of a manifest kind, or undefined for kinds Mamori does not model. */
export function canonicalType(kind: unknown): string | undefined {
  return typeof kind === "string" ? TYPE_OF_KIND[kind] : undefined;
}

export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value))) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

/** Normalises one manifest object (not a List); undefined when its kind is not modelled. */
export function normalizeObject(manifest: Obj, fallbackName: string): CanonicalObject | undefined {
  const kind = manifest.kind;
  const type = canonicalType(kind);
  if (type === undefined || typeof kind !== "string") return undefined;
  const metadata = obj(manifest.metadata);
  const name =
    typeof metadata.name === "string" && metadata.name !== ""
      ? metadata.name
      : typeof metadata.generateName === "string"
        ? `${metadata.generateName}*`
        : fallbackName;
  const clusterScoped = CLUSTER_SCOPED.has(kind);
  const declaredNamespace = typeof metadata.namespace === "string" ? metadata.namespace : undefined;
  const namespace = clusterScoped ? null : (declaredNamespace ?? "default");
  const labels = stringMap(metadata.labels);
  const properties: Obj = {
    kind,
    apiVersion: manifest.apiVersion ?? null,
    name,
    namespace,
    namespaceDefaulted: !clusterScoped && declaredNamespace === undefined,
    labels,
    annotations: stringMap(metadata.annotations),
  };
  const pathMap: Array<[string, string]> = [
    ["kind", "kind"],
    ["apiVersion", "apiVersion"],
    ["name", "metadata.name"],
    ["namespace", "metadata.namespace"],
    ["labels", "metadata.labels"],
    ["annotations", "metadata.annotations"],
  ];
  const copy = (canonical: string, raw: string, fallback: unknown = null) => {
    const value = get(manifest, raw);
    properties[canonical] = value === undefined ? fallback : value;
    pathMap.push([canonical, raw]);
  };

  switch (type) {
    case "k8s.workload": {
      const paths = podPaths(kind);
      const podSpec = normalizePodSpec(get(manifest, paths.spec));
      properties.podSpec = podSpec;
      // Filled by the loader from the ServiceAccount of the same scan set (null when it is not there).
      properties.serviceAccountAutomount = null;
      properties.podAnnotations = stringMap(get(manifest, `${paths.metadata}.annotations`));
      pathMap.push(["podSpec", paths.spec], ["podAnnotations", `${paths.metadata}.annotations`]);
      if (REPLICATED.has(kind)) copy("replicas", "spec.replicas", 1);
      if (kind === "CronJob") copy("schedule", "spec.schedule");
      pathMap.push(...effectiveSecurityPathMap(podSpec, paths.spec));
      break;
    }
    case "k8s.role":
      properties.clusterScoped = clusterScoped;
      copy("rules", "rules", []);
      copy("aggregationRule", "aggregationRule");
      break;
    case "k8s.role-binding":
      properties.clusterScoped = clusterScoped;
      copy("roleRef", "roleRef");
      copy("subjects", "subjects", []);
      break;
    case "k8s.service-account":
      copy("automountServiceAccountToken", "automountServiceAccountToken");
      copy("secrets", "secrets", []);
      copy("imagePullSecrets", "imagePullSecrets", []);
      break;
    case "k8s.network-policy":
    case "k8s.service":
    case "k8s.ingress":
      copy("spec", "spec", {});
      break;
    case "k8s.namespace":
      // Filled by the loader from the NetworkPolicies of the same scan set.
      properties.networkPolicies = [];
      break;
  }
  return {
    type,
    kind,
    namespace,
    name,
    address: `${namespace ?? "_cluster"}/${kind}/${name}`,
    labels,
    properties,
    pathMap,
  };
}

/**
 * A pod spec as the manifest gives it, with the container lists always
 * present and, on every container, `effectiveSecurityContext`: its own
 * securityContext over the pod's inherited fields (what the kubelet applies).
 */
export function normalizePodSpec(raw: unknown): Obj {
  const spec: Obj = { ...obj(raw) };
  const podSecurity = obj(spec.securityContext);
  for (const list of CONTAINER_LISTS) {
    const containers = Array.isArray(spec[list]) ? (spec[list] as unknown[]) : [];
    spec[list] = containers.map((c) => {
      const container = obj(c);
      const own = obj(container.securityContext);
      const effective: Obj = {};
      for (const field of INHERITED_SECURITY_FIELDS)
        if (podSecurity[field] !== undefined) effective[field] = podSecurity[field];
      for (const [field, value] of Object.entries(own)) if (value !== undefined) effective[field] = value;
      return { ...container, effectiveSecurityContext: effective };
    });
  }
  return spec;
}

function effectiveSecurityPathMap(podSpec: Obj, rawSpecPath: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const podSecurity = obj(podSpec.securityContext);
  for (const list of CONTAINER_LISTS) {
    (podSpec[list] as Obj[]).forEach((container, i) => {
      const own = obj(container.securityContext);
      const base = `podSpec.${list}[${i}].effectiveSecurityContext`;
      for (const field of Object.keys(obj(container.effectiveSecurityContext))) {
        const raw =
          own[field] !== undefined
            ? `${rawSpecPath}.${list}[${i}].securityContext.${field}`
            : podSecurity[field] !== undefined
              ? `${rawSpecPath}.securityContext.${field}`
              : undefined;
        if (raw) out.push([`${base}.${field}`, raw]);
      }
    });
  }
  return out;
}
