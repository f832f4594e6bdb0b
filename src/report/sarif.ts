import type * as Sarif from "sarif";
import {
  type Finding,
  type Location,
  type RuleInfo,
  type ScanError,
  type ScanReport,
  type Severity,
  securitySeverityScore,
} from "../model/index.js";
import { errorSourceText, locationText } from "./common.js";
import type { RenderOptions, ReportWriter } from "./types.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
/** Where people learn about the tool; shown by SARIF viewers. */
export const MAMORI_INFORMATION_URI = "https://github.com/mamori-security/mamori";
/** Key of the result's stable identity in `partialFingerprints`; bump the version if the fingerprint recipe changes. */
export const FINGERPRINT_KEY = "mamori/v1";
/** Our cap on tags per rule: enough for every framework, few enough for a viewer's filter list. */
const MAX_TAGS = 20;

const LEVELS: Record<Severity, Sarif.Result.level> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

export function sarifLevel(severity: Severity): Sarif.Result.level {
  return LEVELS[severity];
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run;
 * rules from `report.rules`; one result per reported finding except `error`
 * findings, which are tool execution notifications (the check could not
 * decide, that is not a result about the code). See docs/report-formats.md.
 */
export function toSarif(report: ScanReport, options: RenderOptions = {}): Sarif.Log {
  const rules = collectRules(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const compliance = complianceTagsByRule(report.findings);

  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = report.errors.map((error) => errorNotification(error, options));
  for (const finding of report.findings) {
    const index = ruleIndex.get(finding.checkId) ?? 0;
    if (finding.status === "error") notifications.push(findingNotification(finding, index, options));
    else results.push(toResult(finding, index, options));
  }

  const invocation: Sarif.Invocation = { executionSuccessful: true };
  const started = Date.parse(report.startedAt);
  if (!Number.isNaN(started)) {
    invocation.startTimeUtc = new Date(started).toISOString();
    const ended = new Date(started + report.summary.durationMs);
    if (report.summary.durationMs >= 0 && !Number.isNaN(ended.getTime()))
      invocation.endTimeUtc = ended.toISOString();
  }
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: "Mamori",
        version: report.tool.version,
        ...(/^\d+\.\d+\.\d+/.test(report.tool.version) && { semanticVersion: report.tool.version }),
        informationUri: MAMORI_INFORMATION_URI,
        rules: rules.map((rule) => toRule(rule, compliance.get(rule.id) ?? [])),
      },
    },
    invocations: [invocation],
    results,
  };
  const root = options.sourceRoot === undefined ? undefined : normalizeSlashes(options.sourceRoot);
  if (root !== undefined && isAbsolutePath(root)) {
    run.originalUriBaseIds = { "%SRCROOT%": { uri: fileUri(`${root.replace(/\/+$/, "")}/`) } };
  }
  if (report.scanId !== undefined) run.properties = { scanId: report.scanId, target: report.target };
  else run.properties = { target: report.target };
  return { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run] };
}

export const renderSarif: ReportWriter = (report, options) =>
  `${JSON.stringify(toSarif(report, options), null, 2)}\n`;

/** The report's rules, plus one made from the finding for any check the report forgot. */
function collectRules(report: ScanReport): RuleInfo[] {
  const rules = [...report.rules];
  const known = new Set(rules.map((rule) => rule.id));
  for (const finding of report.findings) {
    if (known.has(finding.checkId)) continue;
    known.add(finding.checkId);
    rules.push({
      id: finding.checkId,
      title: finding.title,
      description: finding.title,
      severity: finding.severity,
      remediation: finding.remediation ?? "",
      resourceTypes: [finding.resource.type],
    });
  }
  return rules;
}

function complianceTagsByRule(findings: readonly Finding[]): Map<string, string[]> {
  const byRule = new Map<string, Set<string>>();
  for (const finding of findings) {
    const tags = byRule.get(finding.checkId) ?? new Set<string>();
    for (const ref of finding.compliance) tags.add(`${ref.framework}-${ref.version}`);
    byRule.set(finding.checkId, tags);
  }
  return new Map([...byRule].map(([id, tags]) => [id, [...tags].sort()]));
}

function toRule(rule: RuleInfo, complianceTags: readonly string[]): Sarif.ReportingDescriptor {
  const provider = rule.id.split(".")[0];
  const tags = [...new Set(["security", ...(provider ? [provider] : []), ...complianceTags])].slice(
    0,
    MAX_TAGS,
  );
  const helpUri = rule.references?.find((ref) => /^https?:\/\//.test(ref));
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description || rule.title },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    ...(helpUri !== undefined && { helpUri }),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      "security-severity": securitySeverityScore(rule.severity),
      tags,
      severity: rule.severity,
      resourceTypes: rule.resourceTypes,
    },
  };
}

/** `aws.s3.block-public-access` → `AwsS3BlockPublicAccess`: SARIF wants an identifier-like name. */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join("");
}

function helpText(rule: RuleInfo): string {
  const lines = [rule.description || rule.title];
  if (rule.remediation) lines.push("", `Remediation: ${rule.remediation}`);
  if (rule.references?.length) lines.push("", "References:", ...rule.references.map((ref) => `- ${ref}`));
  return lines.join("\n");
}

function helpMarkdown(rule: RuleInfo): string {
  const parts = [`**${rule.title}**`, rule.description || rule.title];
  if (rule.remediation) parts.push(`**Remediation:** ${rule.remediation}`);
  if (rule.resourceTypes.length > 0) {
    parts.push(`Resource types: ${rule.resourceTypes.map((type) => `\`${type}\``).join(", ")}`);
  }
  if (rule.references?.length) {
    parts.push(["References:", ...rule.references.map((ref) => `- ${ref}`)].join("\n"));
  }
  return parts.join("\n\n");
}

function toResult(finding: Finding, ruleIndex: number, options: RenderOptions): Sarif.Result {
  const failing = finding.status === "fail";
  const result: Sarif.Result = {
    ruleId: finding.checkId,
    ruleIndex,
    kind: failing ? "fail" : finding.status === "pass" ? "pass" : "notApplicable",
    level: failing ? sarifLevel(finding.severity) : "none",
    message: { text: resultMessage(finding) },
    locations: [findingLocation(finding, options)],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: resultProperties(finding),
  };
  if (finding.muted) {
    result.suppressions = [
      {
        kind: "external",
        status: "accepted",
        justification: finding.muted.reason,
        ...((finding.muted.owner !== undefined || finding.muted.expiresAt !== undefined) && {
          properties: {
            ...(finding.muted.owner !== undefined && { owner: finding.muted.owner }),
            ...(finding.muted.expiresAt !== undefined && { expiresAt: finding.muted.expiresAt }),
          },
        }),
      },
    ];
  }
  return result;
}

/** Live findings name their resource in the text, since GitHub shows no logical location. */
function resultMessage(finding: Finding): string {
  return finding.location ? finding.message : `${finding.message} (resource: ${finding.resource.id})`;
}

function resultProperties(finding: Finding): Sarif.PropertyBag {
  const { resource } = finding;
  return {
    severity: finding.severity,
    resource: {
      id: resource.id,
      type: resource.type,
      name: resource.name,
      provider: resource.provider,
      ...(resource.account !== undefined && { account: resource.account }),
      ...(resource.region !== undefined && { region: resource.region }),
    },
    ...(finding.key !== undefined && { key: finding.key }),
    ...(finding.compliance.length > 0 && {
      compliance: finding.compliance.map((ref) => `${ref.framework} ${ref.version} ${ref.control}`),
    }),
    ...(finding.evidence && {
      evidence: {
        path: finding.evidence.path,
        ...(finding.evidence.actual !== undefined && { actual: finding.evidence.actual }),
        ...(finding.evidence.expected !== undefined && { expected: finding.evidence.expected }),
      },
    }),
  };
}

/**
 * IaC findings point at their file and lines. GitHub rejects a whole upload
 * when any result lacks `physicalLocation.artifactLocation.uri`, so live
 * (and snapshot) findings get a stable pseudo-path that names the resource,
 * `resources/<provider>/<account>/<region>/<type>/<name>`, marked as not a
 * file in its description, plus the exact resource id as a logical location.
 */
function findingLocation(finding: Finding, options: RenderOptions): Sarif.Location {
  const logicalLocations: Sarif.LogicalLocation[] = [
    {
      name: finding.resource.name || finding.resource.id,
      fullyQualifiedName: finding.resource.id,
      kind: "resource",
    },
  ];
  if (finding.location)
    return { physicalLocation: filePhysicalLocation(finding.location, options), logicalLocations };
  const { resource } = finding;
  const segments = [
    "resources",
    resource.provider,
    resource.account || "-",
    resource.region || "-",
    resource.type,
    resource.name || resource.id,
  ];
  return {
    physicalLocation: {
      artifactLocation: {
        uri: segments.map(encodeSegment).join("/"),
        description: { text: `Not a file: the ${resource.type} resource ${resource.id}` },
      },
    },
    logicalLocations,
  };
}

function filePhysicalLocation(location: Location, options: RenderOptions): Sarif.PhysicalLocation {
  const physical: Sarif.PhysicalLocation = {
    artifactLocation: artifactLocation(location.file, options.sourceRoot),
  };
  if (Number.isInteger(location.startLine) && location.startLine >= 1) {
    physical.region = { startLine: location.startLine };
    if (Number.isInteger(location.endLine) && location.endLine >= location.startLine) {
      physical.region.endLine = location.endLine;
    }
  }
  return physical;
}

/**
 * A file path as a SARIF artifact location: relative to `%SRCROOT%` with
 * forward slashes and percent-encoded segments; an absolute path is made
 * relative to `sourceRoot` when it lies below it, else kept as a file: URI.
 */
export function artifactLocation(file: string, sourceRoot?: string): Sarif.ArtifactLocation {
  let path = normalizeSlashes(file);
  if (isAbsolutePath(path) && sourceRoot !== undefined) {
    const root = `${normalizeSlashes(sourceRoot).replace(/\/+$/, "")}/`;
    if (path.startsWith(root)) path = path.slice(root.length);
  }
  if (isAbsolutePath(path)) return { uri: fileUri(path) };
  path = path.replace(/^(\.\/)+/, "");
  return { uri: path.split("/").map(encodeSegment).join("/"), uriBaseId: "%SRCROOT%" };
}

function normalizeSlashes(path: string): string {
  return path.replace(/\\/g, "/").replace(/\/{2,}/g, "/");
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:\//.test(path);
}

function fileUri(absolutePath: string): string {
  const segments = absolutePath.replace(/^\//, "").split("/");
  return `file:///${segments.map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeSegment(segment))).join("/")}`;
}

/** Percent-encodes one path segment, keeping the characters that are safe and common in file names readable. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(40|2B|2C|3D)/g, (encoded) => decodeURIComponent(encoded));
}

function errorNotification(error: ScanError, options: RenderOptions): Sarif.Notification {
  const notification: Sarif.Notification = {
    level: "error",
    message: { text: `${errorSourceText(error)}: ${error.message}` },
  };
  // With a line number the source is a file; otherwise it may be a service or a check id.
  if (error.line !== undefined && Number.isInteger(error.line) && error.line >= 1) {
    const region: Sarif.Region = { startLine: error.line };
    if (error.column !== undefined && Number.isInteger(error.column) && error.column >= 1) {
      region.startColumn = error.column;
    }
    notification.locations = [
      { physicalLocation: { artifactLocation: artifactLocation(error.source, options.sourceRoot), region } },
    ];
  }
  return notification;
}

function findingNotification(
  finding: Finding,
  ruleIndex: number,
  options: RenderOptions,
): Sarif.Notification {
  const where = finding.location ? locationText(finding.location) : finding.resource.id;
  return {
    level: "error",
    message: { text: `${finding.checkId} on ${where}: ${finding.message}` },
    associatedRule: { id: finding.checkId, index: ruleIndex },
    locations: [findingLocation(finding, options)],
  };
}
