import type { DetectEvent } from "../types.js";
import {
  asArray,
  evtFields,
  type FieldDef,
  field,
  get,
  jsonFields,
  listField,
  pathField,
  type SourceFields,
  table,
  text,
} from "./common.js";

const spec = (e: DetectEvent) => get(e.raw, "requestObject", "spec");
const podContainers = (e: DetectEvent, kind = "containers") => asArray(get(spec(e), kind));
const isPodRequest = (e: DetectEvent) =>
  get(e.raw, "requestObject", "kind") === "Pod" || spec(e) !== undefined;

/** One value per container; a missing setting reads as the plugin's default. */
function perContainer(
  kind: string,
  pick: (container: unknown) => unknown,
  fallback?: string,
): (e: DetectEvent) => string[] | undefined {
  return (e) => {
    if (!isPodRequest(e) || get(spec(e), kind) === undefined) return undefined;
    return podContainers(e, kind).map((c) => text(pick(c)) ?? fallback ?? "<NA>");
  };
}

function repository(image: string): string {
  const noDigest = image.split("@")[0] ?? image;
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

function podValue(e: DetectEvent, ...path: string[]): string | undefined {
  return isPodRequest(e) ? text(get(spec(e), ...path)) : undefined;
}

/** Container uid/gid: the container's own setting, else the pod's, else 0 (root). */
function effective(key: "runAsUser" | "runAsGroup") {
  return (e: DetectEvent) => {
    if (!isPodRequest(e) || get(spec(e), "containers") === undefined) return undefined;
    const pod = get(spec(e), "securityContext", key);
    return podContainers(e).map((c) => text(get(c, "securityContext", key) ?? pod) ?? "0");
  };
}

const roleRules = (e: DetectEvent) => asArray(get(e.raw, "requestObject", "rules"));
function ruleItems(key: string) {
  return (e: DetectEvent) => {
    const rules = get(e.raw, "requestObject", "rules");
    if (!Array.isArray(rules)) return undefined;
    return rules.flatMap((r) => asArray(get(r, key)).map((v) => text(v) ?? ""));
  };
}

const volumes = (e: DetectEvent) => asArray(get(spec(e), "volumes"));

function uriParam(e: DetectEvent, key: string | undefined): string | undefined {
  const uri = text(e.raw.requestURI);
  if (!uri || key === undefined) return undefined;
  const query = uri.indexOf("?");
  if (query < 0) return undefined;
  return new URLSearchParams(uri.slice(query + 1)).get(key) ?? undefined;
}

const k8s: FieldDef[] = [
  pathField("ka.auditid", "the unique id of the audit event", "auditID"),
  pathField("ka.stage", "stage of the request", "stage"),
  pathField("ka.auth.decision", "the authorization decision", "annotations", "authorization.k8s.io/decision"),
  pathField("ka.auth.reason", "the authorization reason", "annotations", "authorization.k8s.io/reason"),
  pathField("ka.user.name", "the user name performing the request", "user", "username"),
  listField("ka.user.groups", "the groups of the user", (e) => {
    const groups = get(e.raw, "user", "groups");
    return Array.isArray(groups) ? groups.map((g) => text(g) ?? "") : undefined;
  }),
  pathField("ka.impuser.name", "the impersonated user name", "impersonatedUser", "username"),
  pathField("ka.verb", "the action performed", "verb"),
  pathField("ka.uri", "the request URI", "requestURI"),
  field("ka.uri.param", "string", "a query parameter of the URI", uriParam, "required"),
  pathField("ka.target.name", "the target object name", "objectRef", "name"),
  pathField("ka.target.namespace", "the target object namespace", "objectRef", "namespace"),
  pathField("ka.target.resource", "the target object resource", "objectRef", "resource"),
  pathField("ka.target.subresource", "the target object subresource", "objectRef", "subresource"),
  listField("ka.req.binding.subjects", "the subjects of a role binding", (e) => {
    const subjects = get(e.raw, "requestObject", "subjects");
    return Array.isArray(subjects) ? subjects.map((s) => text(get(s, "name")) ?? "") : undefined;
  }),
  pathField("ka.req.binding.role", "the role of a role binding", "requestObject", "roleRef", "name"),
  field("ka.req.binding.subject.has_name", "string", "deprecated, always N/A", () => "N/A", "required"),
  field("ka.req.configmap.name", "string", "the configmap name", (e) =>
    get(e.raw, "objectRef", "resource") === "configmaps"
      ? text(get(e.raw, "requestObject", "metadata", "name"))
      : undefined,
  ),
  field("ka.req.configmap.obj", "string", "the configmap object, as JSON", (e) =>
    get(e.raw, "objectRef", "resource") === "configmaps" ? text(get(e.raw, "requestObject")) : undefined,
  ),
  listField(
    "ka.req.pod.containers.image",
    "the containers' images",
    perContainer("containers", (c) => get(c, "image")),
  ),
  listField(
    "ka.req.pod.initContainers.image",
    "the init containers' images",
    perContainer("initContainers", (c) => get(c, "image")),
  ),
  listField(
    "ka.req.pod.ephemeralContainers.image",
    "the ephemeral containers' images",
    perContainer("ephemeralContainers", (c) => get(c, "image")),
  ),
  field("ka.req.container.image", "string", "image of the first container", (e) =>
    text(get(podContainers(e)[0], "image")),
  ),
  listField("ka.req.pod.containers.image.repository", "the images' repositories", (e) =>
    perContainer("containers", (c) => get(c, "image"))(e)?.map(repository),
  ),
  field("ka.req.container.image.repository", "string", "repository of the first container's image", (e) => {
    const image = text(get(podContainers(e)[0], "image"));
    return image === undefined ? undefined : repository(image);
  }),
  field("ka.req.pod.host_ipc", "string", "the hostIPC flag", (e) => podValue(e, "hostIPC")),
  field("ka.req.pod.host_network", "string", "the hostNetwork flag", (e) => podValue(e, "hostNetwork")),
  field("ka.req.container.host_network", "string", "alias of ka.req.pod.host_network", (e) =>
    podValue(e, "hostNetwork"),
  ),
  field("ka.req.pod.host_pid", "string", "the hostPID flag", (e) => podValue(e, "hostPID")),
  listField("ka.req.pod.containers.host_port", "all hostPort values", (e) =>
    isPodRequest(e)
      ? podContainers(e).flatMap((c) =>
          asArray(get(c, "ports"))
            .map((p) => text(get(p, "hostPort")))
            .filter((p): p is string => p !== undefined),
        )
      : undefined,
  ),
  listField(
    "ka.req.pod.containers.privileged",
    "the privileged flag of every container",
    perContainer("containers", (c) => get(c, "securityContext", "privileged"), "false"),
  ),
  listField(
    "ka.req.pod.initContainers.privileged",
    "the privileged flag of every init container",
    perContainer("initContainers", (c) => get(c, "securityContext", "privileged"), "false"),
  ),
  listField(
    "ka.req.pod.ephemeralContainers.privileged",
    "the privileged flag of every ephemeral container",
    perContainer("ephemeralContainers", (c) => get(c, "securityContext", "privileged"), "false"),
  ),
  field("ka.req.container.privileged", "string", "true if any container is privileged", (e) =>
    isPodRequest(e)
      ? String(podContainers(e).some((c) => get(c, "securityContext", "privileged") === true))
      : undefined,
  ),
  listField(
    "ka.req.pod.containers.allow_privilege_escalation",
    "allowPrivilegeEscalation of every container",
    perContainer("containers", (c) => get(c, "securityContext", "allowPrivilegeEscalation")),
  ),
  listField(
    "ka.req.pod.containers.read_only_fs",
    "readOnlyRootFilesystem of every container",
    perContainer("containers", (c) => get(c, "securityContext", "readOnlyRootFilesystem")),
  ),
  field("ka.req.pod.run_as_user", "string", "the pod's runAsUser", (e) =>
    podValue(e, "securityContext", "runAsUser"),
  ),
  listField(
    "ka.req.pod.containers.run_as_user",
    "runAsUser of every container",
    perContainer("containers", (c) => get(c, "securityContext", "runAsUser")),
  ),
  listField(
    "ka.req.pod.containers.eff_run_as_user",
    "effective uid of every container",
    effective("runAsUser"),
  ),
  field("ka.req.pod.run_as_group", "string", "the pod's runAsGroup", (e) =>
    podValue(e, "securityContext", "runAsGroup"),
  ),
  listField(
    "ka.req.pod.containers.run_as_group",
    "runAsGroup of every container",
    perContainer("containers", (c) => get(c, "securityContext", "runAsGroup")),
  ),
  listField(
    "ka.req.pod.containers.eff_run_as_group",
    "effective gid of every container",
    effective("runAsGroup"),
  ),
  listField(
    "ka.req.pod.containers.proc_mount",
    "procMount of every container",
    perContainer("containers", (c) => get(c, "securityContext", "procMount")),
  ),
  listField("ka.req.role.rules", "the rules of a role, as JSON", (e) =>
    get(e.raw, "requestObject", "rules") === undefined ? undefined : roleRules(e).map((r) => text(r) ?? ""),
  ),
  listField("ka.req.role.rules.apiGroups", "api groups of the role's rules", ruleItems("apiGroups")),
  listField(
    "ka.req.role.rules.nonResourceURLs",
    "non-resource URLs of the role's rules",
    ruleItems("nonResourceURLs"),
  ),
  listField("ka.req.role.rules.verbs", "verbs of the role's rules", ruleItems("verbs")),
  listField("ka.req.role.rules.resources", "resources of the role's rules", ruleItems("resources")),
  field("ka.req.pod.fs_group", "string", "the pod's fsGroup", (e) =>
    podValue(e, "securityContext", "fsGroup"),
  ),
  listField("ka.req.pod.supplemental_groups", "the pod's supplemental groups", (e) => {
    const groups = get(spec(e), "securityContext", "supplementalGroups");
    return Array.isArray(groups) ? groups.map((g) => text(g) ?? "") : undefined;
  }),
  listField("ka.req.pod.containers.add_capabilities", "capabilities added by any container", (e) =>
    isPodRequest(e) && get(spec(e), "containers") !== undefined
      ? podContainers(e).flatMap((c) =>
          asArray(get(c, "securityContext", "capabilities", "add")).map((x) => text(x) ?? ""),
        )
      : undefined,
  ),
  field("ka.req.service.type", "string", "the service type", (e) =>
    get(e.raw, "objectRef", "resource") === "services" ? text(get(spec(e), "type")) : undefined,
  ),
  listField("ka.req.service.ports", "the service's ports, as JSON", (e) =>
    get(e.raw, "objectRef", "resource") === "services" && Array.isArray(get(spec(e), "ports"))
      ? asArray(get(spec(e), "ports")).map((p) => text(p) ?? "")
      : undefined,
  ),
  listField("ka.req.pod.volumes.hostpath", "hostPath paths of all volumes", (e) =>
    get(spec(e), "volumes") === undefined
      ? undefined
      : volumes(e)
          .map((v) => text(get(v, "hostPath", "path")))
          .filter((p): p is string => p !== undefined),
  ),
  field(
    "ka.req.volume.hostpath",
    "string",
    "deprecated: true if a hostPath volume starts with the given prefix",
    (e, arg) =>
      get(spec(e), "volumes") === undefined
        ? undefined
        : String(volumes(e).some((v) => text(get(v, "hostPath", "path"))?.startsWith(arg ?? "\u0000"))),
    "required",
  ),
  listField("ka.req.pod.volumes.flexvolume_driver", "flexVolume drivers of all volumes", (e) =>
    get(spec(e), "volumes") === undefined
      ? undefined
      : volumes(e)
          .map((v) => text(get(v, "flexVolume", "driver")))
          .filter((d): d is string => d !== undefined),
  ),
  listField("ka.req.pod.volumes.volume_type", "volume types of all volumes", (e) =>
    get(spec(e), "volumes") === undefined
      ? undefined
      : volumes(e).flatMap((v) =>
          v && typeof v === "object" ? Object.keys(v).filter((k) => k !== "name") : [],
        ),
  ),
  pathField("ka.resp.name", "the response object name", "responseObject", "metadata", "name"),
  pathField("ka.response.code", "the response code", "responseStatus", "code"),
  pathField("ka.response.reason", "the response reason", "responseStatus", "reason"),
  pathField("ka.useragent", "the client's user agent", "userAgent"),
  listField("ka.sourceips", "the client's IP addresses (sourceIPs)", (e) => {
    const ips = e.raw.sourceIPs;
    return Array.isArray(ips) ? ips.map((ip) => text(ip) ?? "") : undefined;
  }),
];

export const K8S_AUDIT: SourceFields = {
  source: "k8s_audit",
  fields: table([...evtFields("k8saudit"), ...jsonFields("json"), ...jsonFields("jevt"), ...k8s]),
  indexField: "ka.target.resource",
  eventId: (e) => text(e.raw.auditID),
  actor: (e) => text(get(e.raw, "user", "username")),
  resource: (e) => {
    const ref = get(e.raw, "objectRef");
    if (!ref) return undefined;
    return [get(ref, "namespace"), get(ref, "resource"), get(ref, "name")]
      .map((p) => text(p))
      .filter(Boolean)
      .join("/");
  },
};
