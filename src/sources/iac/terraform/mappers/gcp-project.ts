/**
 * gcp.project from google_project, joined with the project-level companions
 * that carry what the project checks read: IAM bindings/members, audit
 * configs, common instance metadata, log sinks, enabled services, log-based
 * metrics, alert policies and Access Approval settings. Companions join by
 * their `project` attribute (`project_id` for Access Approval): a reference
 * to the google_project or its literal project id.
 */
import { isUnknown, type Resource, unknown } from "../../../../model/index.js";
import { bool, type Companions, nameOf, PropertyLines, type TfFormatName, type TfMapper } from "./common.js";
import { blocks, compact, iamPolicyFrom, labels } from "./gcp-common.js";
import type { TfResourceInput } from "./input.js";

/** Finds the first unknown value among `values`, so one unknown input makes the whole property unknown. */
function firstUnknown(values: unknown[]): unknown {
  return values.find((v) => isUnknown(v));
}

/** `google_project_iam_audit_config` → `auditConfigs`, log configs of one service merged. */
function auditConfigs(configs: TfResourceInput[], props: PropertyLines): unknown {
  const byService = new Map<string, Record<string, unknown>[]>();
  for (const config of configs) {
    const service = config.values.service;
    const logs = blocks(config.values.audit_log_config);
    const unknownValue = firstUnknown([service, logs]);
    if (unknownValue !== undefined) return unknownValue;
    if (typeof service !== "string" || isUnknown(logs)) continue;
    const merged = byService.get(service) ?? [];
    for (const log of logs) {
      const exempted = log.exempted_members;
      const unknownLog = firstUnknown([log.log_type, exempted]);
      if (unknownLog !== undefined) return unknownLog;
      merged.push(
        compact({
          logType: log.log_type,
          exemptedMembers: Array.isArray(exempted) && exempted.length > 0 ? exempted : undefined,
        }),
      );
    }
    byService.set(service, merged);
    props.add("auditConfigs", config);
  }
  return [...byService].map(([service, auditLogConfigs]) => ({ service, auditLogConfigs }));
}

/** GCE metadata values are strings; Terraform booleans become "TRUE"/"FALSE" as the API reports them. */
function metadataValue(value: unknown): unknown {
  return typeof value === "boolean" ? String(value).toUpperCase() : value;
}

/**
 * `google_compute_project_metadata` (the whole map) and
 * `google_compute_project_metadata_item` (one key each) → `commonInstanceMetadata.items`.
 */
function commonInstanceMetadata(companions: Companions, props: PropertyLines): unknown {
  const items: { key: string; value: unknown }[] = [];
  const put = (key: string, value: unknown) => {
    const existing = items.find((i) => i.key === key);
    if (existing) existing.value = metadataValue(value);
    else items.push({ key, value: metadataValue(value) });
  };
  for (const whole of companions.get("google_compute_project_metadata") ?? []) {
    const map = whole.values.metadata;
    if (isUnknown(map)) return { items: map };
    if (typeof map === "object" && map !== null && !Array.isArray(map))
      for (const [key, value] of Object.entries(map)) put(key, value);
    props.add("commonInstanceMetadata.items", whole, "metadata");
  }
  for (const item of companions.get("google_compute_project_metadata_item") ?? []) {
    const key = item.values.key;
    if (isUnknown(key)) return { items: key };
    if (typeof key === "string") put(key, item.values.value);
    props.add("commonInstanceMetadata.items", item);
  }
  return { items };
}

/** `google_logging_project_sink` → `loggingSinks`; an absent filter exports every entry. */
function loggingSinks(sinks: TfResourceInput[], props: PropertyLines): unknown {
  return sinks.map((sink) => {
    props.add("loggingSinks", sink);
    return compact({
      name: sink.values.name,
      filter: sink.values.filter ?? "",
      destination: sink.values.destination,
      disabled: bool(sink.values.disabled),
    });
  });
}

/**
 * `google_project_service` → `enabledServices`. Only when the configuration
 * manages services: without any, which APIs are on is not known here and the
 * property stays absent.
 */
function enabledServices(services: TfResourceInput[], props: PropertyLines): unknown {
  if (services.length === 0) return undefined;
  const names: string[] = [];
  for (const service of services) {
    const name = service.values.service;
    if (isUnknown(name)) return name;
    if (typeof name === "string" && !names.includes(name)) names.push(name);
    props.add("enabledServices", service);
  }
  return names;
}

/** `google_logging_metric` → `logMetrics` (name and filter, as the Logging API lists them). */
function logMetrics(metrics: TfResourceInput[], props: PropertyLines): unknown {
  const out: Record<string, unknown>[] = [];
  for (const metric of metrics) {
    const unknownValue = firstUnknown([metric.values.name, metric.values.filter]);
    if (unknownValue !== undefined) return unknownValue;
    props.add("logMetrics", metric);
    out.push(compact({ name: metric.values.name, filter: metric.values.filter }));
  }
  return out;
}

/** The filter of a condition block (threshold or absence), as the Monitoring API nests it. */
function conditionFilter(value: unknown): unknown {
  const block = blocks(value);
  if (isUnknown(block)) return block;
  const filter = block[0]?.filter;
  return filter === undefined ? undefined : { filter };
}

/**
 * `google_monitoring_alert_policy` → `alertPolicies` (display name, enabled,
 * condition filters). `enabled` defaults to true, as in the provider.
 */
function alertPolicies(policies: TfResourceInput[], props: PropertyLines): unknown {
  const out: Record<string, unknown>[] = [];
  for (const policy of policies) {
    const conditions = blocks(policy.values.conditions);
    if (isUnknown(conditions)) return conditions;
    const mapped: Record<string, unknown>[] = [];
    for (const condition of conditions) {
      const threshold = conditionFilter(condition.condition_threshold);
      const absent = conditionFilter(condition.condition_absent);
      const unknownValue = firstUnknown([
        threshold,
        absent,
        (threshold as { filter?: unknown } | undefined)?.filter,
        (absent as { filter?: unknown } | undefined)?.filter,
      ]);
      if (unknownValue !== undefined) return unknownValue;
      mapped.push(
        compact({
          displayName: condition.display_name,
          conditionThreshold: threshold,
          conditionAbsent: absent,
        }),
      );
    }
    const enabled = bool(policy.values.enabled, true);
    if (isUnknown(enabled)) return enabled;
    props.add("alertPolicies", policy);
    out.push(compact({ displayName: policy.values.display_name, enabled, conditions: mapped }));
  }
  return out;
}

/**
 * `google_access_approval_project_settings` → `accessApprovalSettings`.
 * Without one, the project may still be enrolled through its folder or
 * organization (settings this configuration need not hold), so it is unknown.
 */
function accessApprovalSettings(
  settings: TfResourceInput[],
  props: PropertyLines,
  projectId: string,
): unknown {
  const declared = settings[0];
  if (declared === undefined)
    return unknown(
      `project ${projectId} has no google_access_approval_project_settings here; a folder or organization may enroll it`,
    );
  const services = blocks(declared.values.enrolled_services);
  if (isUnknown(services)) return services;
  props.add("accessApprovalSettings", declared);
  return compact({
    notificationEmails: declared.values.notification_emails,
    enrolledServices: services.map((s) =>
      compact({ cloudProduct: s.cloud_product, enrollmentLevel: s.enrollment_level ?? "BLOCK_ALL" }),
    ),
  });
}

export const gcpProjectMapper: TfMapper = {
  canonicalType: "gcp.project",
  parentTypes: ["google_project"],
  companions: {
    google_project_iam_binding: "project",
    google_project_iam_member: "project",
    google_project_iam_audit_config: "project",
    google_compute_project_metadata: "project",
    google_compute_project_metadata_item: "project",
    google_logging_project_sink: "project",
    google_project_service: "project",
    google_logging_metric: "project",
    google_monitoring_alert_policy: "project",
    google_access_approval_project_settings: "project_id",
  },
  linkKeys: (project) => [
    project.values.project_id,
    project.values.id,
    `projects/${String(project.values.project_id)}`,
  ],
  build(project, companions, props) {
    const v = project.values;
    const projectId = typeof v.project_id === "string" && v.project_id !== "" ? v.project_id : undefined;
    // The configuration declares the project, so what its companions do not
    // set is not set: no audit configs, no sinks, no metadata items.
    return {
      type: "gcp.project",
      name: nameOf(project, "project_id"),
      ...(projectId === undefined ? {} : { account: projectId }),
      tags: labels(v.labels),
      properties: compact({
        projectId: v.project_id,
        name: v.name,
        iamPolicy: iamPolicyFrom(
          companions,
          "google_project_iam_binding",
          "google_project_iam_member",
          props,
        ),
        auditConfigs: auditConfigs(companions.get("google_project_iam_audit_config") ?? [], props),
        commonInstanceMetadata: commonInstanceMetadata(companions, props),
        loggingSinks: loggingSinks(companions.get("google_logging_project_sink") ?? [], props),
        enabledServices: enabledServices(companions.get("google_project_service") ?? [], props),
        logMetrics: logMetrics(companions.get("google_logging_metric") ?? [], props),
        alertPolicies: alertPolicies(companions.get("google_monitoring_alert_policy") ?? [], props),
        accessApprovalSettings: accessApprovalSettings(
          companions.get("google_access_approval_project_settings") ?? [],
          props,
          projectId ?? nameOf(project, "project_id"),
        ),
      }),
    };
  },
};

/**
 * gcp.project for projects the configuration does not declare but changes
 * through companions (`project = "acme-prod"`). The project exists outside
 * the configuration, so only what the companions settle is stated: the IAM
 * grants they add (grants made elsewhere are not seen, as for a declared
 * project), the `allServices` audit config (authoritative for that service),
 * the whole metadata map of `google_compute_project_metadata`, and sinks when
 * one of them exports every entry. Anything else is unknown, never a failure.
 */
export function mapUndeclaredProjects(
  byType: Map<string, TfResourceInput[]>,
  joined: ReadonlySet<TfResourceInput>,
  format: TfFormatName,
): { resource: Resource; members: TfResourceInput[] }[] {
  const byProject = new Map<string, TfResourceInput[]>();
  for (const [type, attribute] of Object.entries(gcpProjectMapper.companions))
    for (const companion of byType.get(type) ?? []) {
      if (joined.has(companion)) continue;
      const project = companion.values[attribute];
      if (typeof project !== "string" || project === "") continue;
      const id = project.replace(/^projects\//, "");
      byProject.set(id, [...(byProject.get(id) ?? []), companion]);
    }
  const out: { resource: Resource; members: TfResourceInput[] }[] = [];
  for (const [projectId, members] of [...byProject].sort(([a], [b]) => a.localeCompare(b))) {
    members.sort((a, b) => a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine);
    const anchor = members[0] as TfResourceInput;
    const companions: Companions = new Map();
    for (const m of members) companions.set(m.type, [...(companions.get(m.type) ?? []), m]);
    const props = new PropertyLines(anchor);
    const notSettled = (what: string) =>
      unknown(`project ${projectId} is not declared in the configuration and its ${what} is not set by it`);

    const audit = auditConfigs(companions.get("google_project_iam_audit_config") ?? [], props);
    const sinks = loggingSinks(companions.get("google_logging_project_sink") ?? [], props);
    const exportsAll =
      Array.isArray(sinks) &&
      sinks.some((s: Record<string, unknown>) => s.filter === "" && s.disabled === false);
    out.push({
      members,
      resource: {
        type: "gcp.project",
        id: `${anchor.file}#projects/${projectId}`,
        provider: "gcp",
        account: projectId,
        name: projectId,
        tags: {},
        properties: compact({
          projectId,
          iamPolicy: iamPolicyFrom(
            companions,
            "google_project_iam_binding",
            "google_project_iam_member",
            props,
          ),
          auditConfigs:
            isUnknown(audit) ||
            (Array.isArray(audit) && audit.some((c: { service?: unknown }) => c.service === "allServices"))
              ? audit
              : notSettled("audit configuration of allServices"),
          commonInstanceMetadata: companions.has("google_compute_project_metadata")
            ? commonInstanceMetadata(companions, props)
            : { items: notSettled("metadata (no google_compute_project_metadata)") },
          loggingSinks: exportsAll || isUnknown(sinks) ? sinks : notSettled("set of log sinks"),
          // A metric or alert made elsewhere may complete the pair, so neither list is settled here.
          logMetrics: notSettled("set of log-based metrics"),
          alertPolicies: notSettled("set of alert policies"),
          accessApprovalSettings: companions.has("google_access_approval_project_settings")
            ? accessApprovalSettings(
                companions.get("google_access_approval_project_settings") ?? [],
                props,
                projectId,
              )
            : notSettled("Access Approval enrollment"),
        }),
        provenance: {
          kind: "iac",
          format,
          file: anchor.file,
          range: anchor.range,
          properties: props.lines,
        },
      },
    });
  }
  return out;
}
