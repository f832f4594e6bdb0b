import type { Finding, ScanError, ScanReport } from "../model/index.js";
import {
  compareStrings,
  complianceText,
  errorSourceText,
  locationText,
  outcome,
  valueText,
} from "./common.js";
import type { ReportWriter } from "./types.js";

/** The test suite that holds scan errors (files that could not be read, services that could not be listed). */
export const SCAN_ERRORS_SUITE = "mamori.scan-errors";

/**
 * JUnit XML for CI test reporters. One `<testsuite>` per check (the check
 * is the test, each resource it judged is a case), in check id order; one
 * `<testcase>` per finding. `fail` → `<failure>`, `error` → `<error>`,
 * `not_applicable` and muted findings → `<skipped>`, `pass` → an empty
 * case. Scan errors form one more suite, `mamori.scan-errors`, with an
 * `<error>` case each, so a CI reporter shows them too. Times are 0 per case;
 * the root carries the scan's duration.
 */
export const renderJunit: ReportWriter = (report) => {
  const byCheck = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byCheck.get(finding.checkId) ?? [];
    list.push(finding);
    byCheck.set(finding.checkId, list);
  }
  const suites: Suite[] = [...byCheck.keys()]
    .sort(compareStrings)
    .map((checkId) => checkSuite(checkId, byCheck.get(checkId) ?? [], report));
  if (report.errors.length > 0) suites.push(errorSuite(report.errors));

  const total = sumCounts(suites.map((suite) => suite.counts));
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attrs({
      name: report.tool.name,
      tests: total.tests,
      failures: total.failures,
      errors: total.errors,
      skipped: total.skipped,
      time: seconds(report.summary.durationMs),
      timestamp: report.startedAt,
    })}>`,
  ];
  for (const suite of suites) lines.push(...suite.lines);
  lines.push("</testsuites>", "");
  return lines.join("\n");
};

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

interface Suite {
  counts: Counts;
  lines: string[];
}

function checkSuite(checkId: string, findings: readonly Finding[], report: ScanReport): Suite {
  const rule = report.rules.find((r) => r.id === checkId);
  const first = findings[0];
  const counts: Counts = { tests: findings.length, failures: 0, errors: 0, skipped: 0 };
  const cases: string[] = [];
  for (const finding of findings) {
    const state = outcome(finding);
    const open = `    <testcase${attrs({
      name: caseName(finding),
      classname: checkId,
      time: "0",
      ...(finding.location && { file: finding.location.file, line: finding.location.startLine }),
    })}`;
    if (state === "pass") {
      cases.push(`${open}/>`);
      continue;
    }
    let child: string;
    if (state === "fail") {
      counts.failures++;
      child = `<failure${attrs({ message: finding.message, type: finding.severity })}>${text(details(finding))}</failure>`;
    } else if (state === "error") {
      counts.errors++;
      child = `<error${attrs({ message: finding.message, type: "error" })}>${text(details(finding))}</error>`;
    } else {
      counts.skipped++;
      const why =
        state === "muted" ? `muted: ${finding.muted?.reason ?? ""}` : `not applicable: ${finding.message}`;
      child = `<skipped${attrs({ message: why })}/>`;
    }
    cases.push(`${open}>`, `      ${child}`, "    </testcase>");
  }
  const title = rule?.title ?? first?.title ?? checkId;
  const severity = rule?.severity ?? first?.severity;
  return {
    counts,
    lines: [
      `  <testsuite${attrs({ name: checkId, ...counts, time: "0", timestamp: report.startedAt })}>`,
      "    <properties>",
      `      <property${attrs({ name: "title", value: title })}/>`,
      ...(severity ? [`      <property${attrs({ name: "severity", value: severity })}/>`] : []),
      "    </properties>",
      ...cases,
      "  </testsuite>",
    ],
  };
}

function errorSuite(errors: readonly ScanError[]): Suite {
  const counts: Counts = { tests: errors.length, failures: 0, errors: errors.length, skipped: 0 };
  const lines = [`  <testsuite${attrs({ name: SCAN_ERRORS_SUITE, ...counts, time: "0" })}>`];
  for (const error of errors) {
    lines.push(
      `    <testcase${attrs({ name: errorSourceText(error), classname: SCAN_ERRORS_SUITE, time: "0" })}>`,
      `      <error${attrs({ message: error.message, type: "scan-error" })}>${text(`${errorSourceText(error)}: ${error.message}`)}</error>`,
      "    </testcase>",
    );
  }
  lines.push("  </testsuite>");
  return { counts, lines };
}

/** The resource as the case name: its name, where it is (file:line or id), and the part of it when there is one. */
function caseName(finding: Finding): string {
  const { resource } = finding;
  const where = finding.location ? locationText(finding.location) : resource.id;
  let name = resource.name && resource.name !== where ? `${resource.name} (${where})` : where;
  if (finding.key !== undefined) name += ` [${finding.key}]`;
  return name;
}

function details(finding: Finding): string {
  const { resource } = finding;
  const lines = [
    finding.message,
    "",
    `Check: ${finding.checkId} — ${finding.title}`,
    `Severity: ${finding.severity}`,
    `Resource: ${resource.id} (${resource.type})`,
  ];
  if (resource.account !== undefined || resource.region !== undefined) {
    lines.push(`Account/region: ${resource.account ?? "-"} / ${resource.region ?? "-"}`);
  }
  if (finding.location) lines.push(`Location: ${locationText(finding.location)}`);
  if (finding.evidence) {
    lines.push(`Evidence: ${finding.evidence.path || "(resource)"} = ${valueText(finding.evidence.actual)}`);
    if (finding.evidence.expected !== undefined)
      lines.push(`Expected: ${valueText(finding.evidence.expected)}`);
  }
  if (finding.remediation) lines.push(`Remediation: ${finding.remediation}`);
  if (finding.compliance.length > 0) lines.push(`Compliance: ${complianceText(finding.compliance)}`);
  lines.push(`Fingerprint: ${finding.fingerprint}`);
  return lines.join("\n");
}

function sumCounts(all: readonly Counts[]): Counts {
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const c of all) {
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    total.skipped += c.skipped;
  }
  return total;
}

function seconds(ms: number): string {
  return Number.isFinite(ms) && ms >= 0 ? (ms / 1000).toFixed(3) : "0";
}

/**
 * Characters XML 1.0 does not allow anywhere, not even as references: C0
 * controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
 * They become a visible `\uXXXX` so the text keeps saying what was there.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlChars(value: string): string {
  return value.replace(NOT_XML_CHAR, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`);
}

/** Escapes character data. `>` is escaped too, so `]]>` can never appear; CR as a reference survives parsing. */
export function escapeXmlText(value: string): string {
  return xmlChars(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

/** Escapes an attribute value in double quotes; tab, LF and CR as references so attribute normalisation keeps them. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;");
}

const text = escapeXmlText;

function attrs(values: Record<string, string | number | undefined>): string {
  let out = "";
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) out += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  return out;
}
