import type { DetectEvent } from "../types.js";
import {
  asArray,
  evtFields,
  type FieldDef,
  field,
  get,
  jsonFields,
  pathField,
  type SourceFields,
  table,
  text,
} from "./common.js";

const proto = (...path: string[]) => ["protoPayload", ...path];

const gcp: FieldDef[] = [
  pathField(
    "gcp.user",
    "principal email who made the call",
    ...proto("authenticationInfo", "principalEmail"),
  ),
  pathField("gcp.callerIP", "caller IP", ...proto("requestMetadata", "callerIp")),
  pathField("gcp.userAgent", "caller user agent", ...proto("requestMetadata", "callerSuppliedUserAgent")),
  pathField("gcp.authorizationInfo", "authorization information, as JSON", ...proto("authorizationInfo")),
  pathField("gcp.serviceName", "API service name", ...proto("serviceName")),
  pathField(
    "gcp.policyDelta",
    "IAM binding deltas, as JSON",
    ...proto("serviceData", "policyDelta", "bindingDeltas"),
  ),
  pathField("gcp.request", "the raw request, as JSON", ...proto("request")),
  pathField("gcp.methodName", "API method executed", ...proto("methodName")),
  pathField("gcp.resourceName", "resource acted on", ...proto("resourceName")),
  pathField("gcp.resourceType", "monitored resource type", "resource", "type"),
  pathField("gcp.projectId", "project id", "resource", "labels", "project_id"),
  pathField("gcp.storage.bucket", "storage bucket name", "resource", "labels", "bucket_name"),
  pathField("gcp.cloudsql.databaseId", "Cloud SQL database id", "resource", "labels", "database_id"),
  pathField("gcp.cloudfunctions.function", "Cloud Function name", "resource", "labels", "function_name"),
  pathField("gcp.location", "resource location", "resource", "labels", "location"),
  pathField("gcp.severity", "log entry severity", "severity"),
  pathField("gcp.insertId", "log entry id", "insertId"),
  pathField("gcp.status.code", "status code of the call", ...proto("status", "code")),
];

export const GCP_AUDIT: SourceFields = {
  source: "gcp_auditlog",
  fields: table([...evtFields("gcpaudit"), ...jsonFields("json"), ...gcp]),
  indexField: "gcp.methodName",
  eventId: (e) => text(e.raw.insertId),
  actor: (e) => text(get(e.raw, ...proto("authenticationInfo", "principalEmail"))),
  resource: (e) => text(get(e.raw, ...proto("resourceName"))),
};

/** Targets of an Okta event of one type (User, UserGroup, AppInstance). */
function oktaTarget(e: DetectEvent, type: string, key: string): string | undefined {
  const target = asArray(e.raw.target).find((t) => get(t, "type") === type);
  return text(get(target, key));
}

/** Sliding window of MFA events per actor, as the okta plugin keeps it. */
class MfaCounter {
  private readonly times = new Map<string, number[]>();
  add(actor: string, timeMs: number): void {
    const list = this.times.get(actor) ?? [];
    list.push(timeMs);
    // Bounded: older than a day never counts for any sane window.
    while (list.length > 0 && (list[0] ?? 0) < timeMs - 86_400_000) list.shift();
    if (list.length > 10_000) list.splice(0, list.length - 10_000);
    this.times.set(actor, list);
  }
  count(actor: string, nowMs: number, seconds: number): number {
    const from = nowMs - seconds * 1000;
    return (this.times.get(actor) ?? []).filter((t) => t > from && t <= nowMs).length;
  }
}

/** Okta's field table; its MFA counters are state of one engine, hence a factory. */
export function oktaFields(): SourceFields {
  const failures = new MfaCounter();
  const denies = new MfaCounter();
  const actor = (e: DetectEvent) => text(get(e.raw, "actor", "id")) ?? "";
  const countField = (name: string, counter: MfaCounter, desc: string) =>
    field(
      name,
      "uint64",
      desc,
      (e, arg) => {
        const seconds = Number(arg);
        return Number.isFinite(seconds) && seconds > 0
          ? counter.count(actor(e), e.timeMs, seconds)
          : undefined;
      },
      "required",
    );
  const okta: FieldDef[] = [
    pathField("okta.app", "application", "debugContext", "debugData", "appname"),
    pathField("okta.evt.type", "event type", "eventType"),
    pathField("okta.evt.legacytype", "legacy event type", "legacyEventType"),
    pathField("okta.severity", "severity", "severity"),
    pathField("okta.message", "display message", "displayMessage"),
    pathField("okta.actor.id", "actor id", "actor", "id"),
    pathField("okta.actor.alternateid", "actor alternate id", "actor", "alternateId"),
    pathField("okta.actor.name", "actor display name", "actor", "displayName"),
    pathField("okta.actor.type", "actor type", "actor", "type"),
    pathField("okta.client.zone", "client zone", "client", "zone"),
    pathField("okta.client.ip", "client IP", "client", "ipAddress"),
    pathField("okta.client.device", "client device", "client", "device"),
    pathField("okta.client.id", "client id", "client", "id"),
    pathField("okta.client.geo.city", "client city", "client", "geographicalContext", "city"),
    pathField("okta.client.geo.state", "client state", "client", "geographicalContext", "state"),
    pathField("okta.client.geo.country", "client country", "client", "geographicalContext", "country"),
    pathField(
      "okta.client.geo.postalcode",
      "client postal code",
      "client",
      "geographicalContext",
      "postalCode",
    ),
    pathField("okta.useragent.os", "user agent OS", "client", "userAgent", "os"),
    pathField("okta.useragent.browser", "user agent browser", "client", "userAgent", "browser"),
    pathField("okta.useragent.raw", "raw user agent", "client", "userAgent", "rawUserAgent"),
    pathField("okta.result", "outcome", "outcome", "result"),
    pathField("okta.reason", "outcome reason", "outcome", "reason"),
    pathField("okta.transaction.id", "transaction id", "transaction", "id"),
    pathField("okta.transaction.type", "transaction type", "transaction", "type"),
    pathField("okta.requesturi", "request URI", "debugContext", "debugData", "requestUri"),
    ...(["id", "alternateid", "name"] as const).flatMap((k) => {
      const key = k === "alternateid" ? "alternateId" : k === "name" ? "displayName" : "id";
      return [
        field(`okta.target.user.${k}`, "string", `target user ${k}`, (e) => oktaTarget(e, "User", key)),
        field(`okta.target.group.${k}`, "string", `target group ${k}`, (e) =>
          oktaTarget(e, "UserGroup", key),
        ),
        field(`okta.target.app.${k}`, "string", `target app ${k}`, (e) => oktaTarget(e, "AppInstance", key)),
      ];
    }),
    countField("okta.mfa.failure.countlast", failures, "MFA failures of the actor in the last N seconds"),
    countField("okta.mfa.deny.countlast", denies, "MFA pushes denied by the actor in the last N seconds"),
  ];
  return {
    source: "okta",
    fields: table([...evtFields("okta"), ...jsonFields("json"), ...okta]),
    indexField: "okta.evt.type",
    eventId: (e) => text(e.raw.uuid),
    actor: (e) => text(get(e.raw, "actor", "alternateId")),
    resource: (e) => text(get(asArray(e.raw.target)[0], "alternateId")),
    observe: (e) => {
      const type = text(e.raw.eventType) ?? "";
      const result = text(get(e.raw, "outcome", "result"));
      if (type.startsWith("user.authentication.auth_via_mfa") && result === "FAILURE")
        failures.add(actor(e), e.timeMs);
      if (type === "user.mfa.okta_verify.deny_push") denies.add(actor(e), e.timeMs);
    },
  };
}

/** GitHub webhook deliveries: `{"event": <X-GitHub-Event>, "payload": {...}}` (or the payload with `event`). */
const payload = (e: DetectEvent) => (e.raw.payload as Record<string, unknown> | undefined) ?? e.raw;
const gh = (name: string, desc: string, ...path: string[]) =>
  field(name, "string", desc, (e) => text(get(payload(e), ...path)));
const secrets = (e: DetectEvent) => asArray(get(e.raw, "diff", "committed_secrets"));
const secretList = (name: string, key: string) =>
  field(name, "string", `committed secrets: ${key}`, (e) =>
    get(e.raw, "diff") === undefined
      ? undefined
      : secrets(e)
          .map((s) => text(get(s, key)) ?? "")
          .join(","),
  );

const github: FieldDef[] = [
  field("github.type", "string", "webhook event type (X-GitHub-Event)", (e) =>
    text(e.raw.event ?? e.raw["x-github-event"] ?? e.raw.type),
  ),
  gh("github.action", "the action of the event", "action"),
  gh("github.user", "the user who triggered the event", "sender", "login"),
  gh("github.owner", "the repository owner", "repository", "owner", "login"),
  gh("github.repo", "the repository full name", "repository", "full_name"),
  gh("github.repo.name", "the repository name", "repository", "name"),
  gh("github.repo.url", "the repository URL", "repository", "html_url"),
  field("github.repo.public", "string", "'true' if the repository is public", (e) => {
    const priv = get(payload(e), "repository", "private");
    return typeof priv === "boolean" ? String(!priv) : undefined;
  }),
  gh("github.org", "the organization", "organization", "login"),
  gh("github.collaborator.name", "the collaborator added or removed", "member", "login"),
  gh("github.collaborator.role", "the collaborator's role", "changes", "permission", "to"),
  gh("github.webhook.id", "the webhook id", "hook", "id"),
  gh("github.webhook.type", "the webhook type", "hook", "type"),
  field("github.diff.has_secrets", "string", "'true' if the pushed diff carries secrets", (e) =>
    get(e.raw, "diff") === undefined ? undefined : String(secrets(e).length > 0),
  ),
  secretList("github.diff.committed_secrets.desc", "desc"),
  secretList("github.diff.committed_secrets.files", "file"),
  secretList("github.diff.committed_secrets.lines", "line"),
  secretList("github.diff.committed_secrets.links", "link"),
  gh("github.workflow.filename", "the workflow file", "workflow_run", "path"),
  field("github.workflow.has_miners", "string", "'true' if the workflow runs a crypto miner", (e) => {
    const miners = get(e.raw, "workflow", "has_miners");
    return typeof miners === "boolean" ? String(miners) : undefined;
  }),
];

export const GITHUB: SourceFields = {
  source: "github",
  fields: table([...evtFields("github"), ...jsonFields("json"), ...github]),
  indexField: "github.type",
  eventId: (e) => text(e.raw.delivery ?? e.raw.id),
  actor: (e) => text(get(payload(e), "sender", "login")),
  resource: (e) => text(get(payload(e), "repository", "full_name")),
};

/**
 * Azure Activity Log under Mamori's own `azure.*` table (no Falco plugin exists).
 * Both shapes are read: the Azure Monitor export (`operationName` string, `resultType`,
 * `callerIpAddress`, `identity.claims`) and the REST API (`operationName.value`, `status.value`,
 * `caller`, `httpRequest.clientIpAddress`).
 */
const az = (e: DetectEvent, ...paths: string[][]) => {
  for (const path of paths) {
    const value = get(e.raw, ...path);
    if (value !== undefined && value !== null) return typeof value === "object" ? get(value, "value") : value;
  }
  return undefined;
};
const azField = (name: string, desc: string, ...paths: string[][]) =>
  field(name, "string", desc, (e) => text(az(e, ...paths)));
const azureResourceId = (e: DetectEvent) => text(az(e, ["resourceId"], ["ResourceId"]));

const azure: FieldDef[] = [
  field(
    "azure.operationName",
    "string",
    "operation, e.g. MICROSOFT.STORAGE/STORAGEACCOUNTS/WRITE (upper-cased)",
    (e) => text(az(e, ["operationName"], ["OperationNameValue"]))?.toUpperCase(),
  ),
  azField("azure.category", "log category (Administrative, Security, Policy…)", ["category"]),
  azField(
    "azure.status",
    "result: Succeeded, Failed, Started…",
    ["resultType"],
    ["status"],
    ["ActivityStatusValue"],
  ),
  azField("azure.subStatus", "HTTP-like sub status", ["resultSignature"], ["subStatus"]),
  azField(
    "azure.caller",
    "the caller (UPN, app id or object id)",
    ["caller"],
    ["identity", "claims", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"],
    ["Caller"],
  ),
  azField(
    "azure.callerIpAddress",
    "the caller's IP",
    ["callerIpAddress"],
    ["httpRequest", "clientIpAddress"],
    ["CallerIpAddress"],
  ),
  field("azure.resourceId", "string", "the full resource id", azureResourceId),
  field(
    "azure.subscriptionId",
    "string",
    "subscription id",
    (e) => text(az(e, ["subscriptionId"])) ?? /\/subscriptions\/([^/]+)/i.exec(azureResourceId(e) ?? "")?.[1],
  ),
  field(
    "azure.resourceGroup",
    "string",
    "resource group",
    (e) =>
      text(az(e, ["resourceGroupName"])) ?? /\/resourceGroups\/([^/]+)/i.exec(azureResourceId(e) ?? "")?.[1],
  ),
  field(
    "azure.resourceProvider",
    "string",
    "resource provider, e.g. Microsoft.Storage",
    (e) =>
      text(az(e, ["resourceProviderName"])) ?? /\/providers\/([^/]+)/i.exec(azureResourceId(e) ?? "")?.[1],
  ),
  azField("azure.level", "level (Informational, Warning, Error, Critical)", ["level"]),
  azField("azure.correlationId", "correlation id", ["correlationId"]),
  azField("azure.location", "location", ["location"]),
  azField("azure.properties", "properties, as JSON", ["properties"]),
  field("azure.requestBody", "string", "properties.requestbody (the ARM request body, as JSON text)", (e) =>
    text(get(e.raw, "properties", "requestbody") ?? get(e.raw, "properties", "requestBody")),
  ),
  azField("azure.eventId", "event data id", ["eventDataId"], ["id"]),
];

export const AZURE_ACTIVITY: SourceFields = {
  source: "azure_activity",
  fields: table([...evtFields("azure"), ...jsonFields("json"), ...azure]),
  indexField: "azure.operationName",
  eventId: (e) => text(az(e, ["eventDataId"], ["correlationId"])),
  actor: (e) =>
    text(
      az(e, ["caller"], ["identity", "claims", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"]),
    ),
  resource: azureResourceId,
};

/** Falco's own JSON alerts: every output field is a field; `falco.*` gives the alert itself. */
const falco: FieldDef[] = [
  pathField("falco.rule", "rule that fired in Falco", "rule"),
  pathField("falco.priority", "priority of the Falco alert", "priority"),
  pathField("falco.output", "output text of the Falco alert", "output"),
  pathField("falco.hostname", "host that raised the alert", "hostname"),
  field("falco.tags", "list", "tags of the Falco alert", (e) =>
    Array.isArray(e.raw.tags) ? e.raw.tags.map((t) => text(t) ?? "") : undefined,
  ),
];

export const FALCO_PREFIXES = [
  "evt.",
  "proc.",
  "fd.",
  "container.",
  "k8s.",
  "user.",
  "group.",
  "thread.",
  "fs.",
  "proc",
  "k8smeta.",
];

export function falcoFields(source: string): SourceFields {
  return {
    source,
    fields: table([...evtFields("falco"), ...jsonFields("json"), ...falco]),
    dynamicPrefixes: FALCO_PREFIXES,
    indexField: "falco.rule",
    eventId: (e) => text(e.raw.uuid),
    actor: (e) => text(get(e.raw, "output_fields", "user.name")),
    resource: (e) =>
      text(get(e.raw, "output_fields", "k8s.pod.name")) ??
      text(get(e.raw, "output_fields", "container.id")) ??
      text(e.raw.hostname),
  };
}

/** Output field value of a Falco alert; dynamic fields read `output_fields` by their full name. */
export function falcoOutputField(e: DetectEvent, name: string): string | number | boolean | undefined {
  const value = get(e.raw, "output_fields");
  if (!value || typeof value !== "object") return undefined;
  const v = (value as Record<string, unknown>)[name];
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return JSON.stringify(v);
}
