import { builtinChecks, CheckRegistry, evaluateResource } from "../checks/index.js";
import { complianceIndex, loadFrameworks } from "../compliance/index.js";
import { type Finding, fingerprint, type Resource, type RuleInfo } from "../model/index.js";
import type { SecretFinding } from "../secrets/index.js";

/**
 * What `mamori image` reports besides vulnerabilities: the image checks
 * (the built-in checks of `docker.image-config`, Dockle/CIS-style) on the
 * image's configuration and files, and the secrets found in its layers
 * (already redacted by the reader: the full value never reaches a report).
 */
export function imageExtras(
  resource: Resource,
  secrets: readonly SecretFinding[],
): { resources: Resource[]; findings: Finding[]; rules: RuleInfo[] } {
  const registry = new CheckRegistry(builtinChecks);
  const checks = evaluateResource(resource, registry, complianceIndex(loadFrameworks())).filter(
    (f) => f.status === "fail" || f.status === "error",
  );
  const secretFindings = secretsAsFindings(resource, secrets);
  const rules: RuleInfo[] = [];
  for (const id of new Set(checks.map((f) => f.checkId))) {
    const check = registry.get(id);
    if (check)
      rules.push({
        id,
        title: check.title,
        description: check.description,
        severity: check.severity,
        remediation: check.remediation,
        resourceTypes: check.resourceTypes,
      });
  }
  rules.push(...secretRules(resource, secrets));
  return { resources: [resource], findings: [...checks, ...secretFindings], rules };
}

/** `mamori fs`: the secrets found under a folder, on a `filesystem` resource for that folder. */
export function filesystemExtras(
  root: string,
  secrets: readonly SecretFinding[],
): { resources: Resource[]; findings: Finding[]; rules: RuleInfo[] } {
  const resource: Resource = {
    type: "filesystem",
    id: `fs:${root}`,
    provider: "generic",
    name: root,
    tags: {},
    properties: { root },
    provenance: { kind: "snapshot", file: root },
  };
  return {
    resources: [resource],
    findings: secretsAsFindings(resource, secrets),
    rules: secretRules(resource, secrets),
  };
}

/** Secrets as failing findings (check id `secret.<rule>`), one per secret, the value already masked. */
function secretsAsFindings(resource: Resource, secrets: readonly SecretFinding[]): Finding[] {
  const ref = { id: resource.id, type: resource.type, name: resource.name, provider: resource.provider };
  return secrets.map((s) => ({
    checkId: `secret.${s.ruleId}`,
    title: s.title,
    status: "fail",
    severity: s.severity,
    message: `${s.title} in ${s.path}:${s.line} (${s.redacted})${s.layerDigest ? ` in layer ${s.layerDigest.slice(0, 19)}` : ""}`,
    resource: ref,
    location: { file: s.path, startLine: s.line, endLine: s.line },
    compliance: [],
    key: s.fingerprint,
    fingerprint: fingerprint(`secret.${s.ruleId}`, resource, s.fingerprint),
    remediation: "Remove the secret (from every image layer, not just the last), and rotate it.",
  }));
}

function secretRules(resource: Resource, secrets: readonly SecretFinding[]): RuleInfo[] {
  const rules = new Map<string, RuleInfo>();
  for (const s of secrets)
    rules.set(`secret.${s.ruleId}`, {
      id: `secret.${s.ruleId}`,
      title: s.title,
      description: `A ${s.title} in a scanned file.`,
      severity: s.severity,
      remediation: "Remove the secret and rotate it.",
      resourceTypes: [resource.type],
    });
  return [...rules.values()];
}
