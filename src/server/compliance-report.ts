import { csvField } from "../report/index.js";

export interface ControlEvidence {
  resourceId: string;
  resourceType: string;
  resourceName: string;
  checkId: string;
  status: string;
  state: string;
  message: string;
}

export interface ControlReport {
  controlId: string;
  title: string;
  section: string | null;
  automated: boolean;
  checkIds: string[];
  status: string;
  passingResources: number;
  failingResources: number;
  mutedResources: number;
  errorResources: number;
  evidence: ControlEvidence[];
}

export interface FrameworkReport {
  id: string;
  name: string;
  generatedAt: string;
  score: number | null;
  controls: ControlReport[];
}

const CSV_HEADER = [
  "control_id",
  "title",
  "section",
  "status",
  "passing_resources",
  "failing_resources",
  "muted_resources",
  "error_resources",
  "check_id",
  "resource_type",
  "resource_id",
  "finding_status",
  "finding_state",
  "message",
];

/** One row per control and piece of evidence (a control without evidence gets one row). */
export function complianceCsv(report: FrameworkReport): string {
  const lines = [CSV_HEADER.join(",")];
  for (const c of report.controls) {
    const head = [
      c.controlId,
      c.title,
      c.section ?? "",
      c.status,
      c.passingResources,
      c.failingResources,
      c.mutedResources,
      c.errorResources,
    ];
    const rows = c.evidence.length === 0 ? [undefined] : c.evidence;
    for (const e of rows) {
      const tail = e
        ? [e.checkId, e.resourceType, e.resourceId, e.status, e.state, e.message]
        : ["", "", "", "", "", ""];
      lines.push([...head, ...tail].map((v) => csvField(v)).join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained page (no scripts, styles inline in one <style>) to save or print. */
export function complianceHtml(report: FrameworkReport): string {
  const rows = report.controls
    .map((c) => {
      const evidence =
        c.evidence.length === 0
          ? ""
          : `<ul>${c.evidence
              .map(
                (e) =>
                  `<li class="${esc(e.state === "muted" ? "muted" : e.status)}"><code>${esc(e.resourceId)}</code> — ${esc(e.checkId)}: ${esc(e.status)}${e.state === "muted" ? " (muted)" : ""} — ${esc(e.message)}</li>`,
              )
              .join("")}</ul>`;
      return `<tr><td>${esc(c.controlId)}</td><td>${esc(c.title)}${evidence}</td><td class="${esc(c.status)}">${esc(c.status)}</td><td>${c.passingResources}</td><td>${c.failingResources}</td><td>${c.mutedResources}</td></tr>`;
    })
    .join("\n");
  const score = report.score === null ? "n/a" : `${report.score}%`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(report.name)} — compliance report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}.fail{color:#b00020}.pass{color:#0a7d32}
.muted,.manual,.no_data{color:#666}ul{margin:.3rem 0 0 1rem;padding:0}code{font-size:12px}
</style></head><body>
<h1>${esc(report.name)}</h1>
<p>Framework <code>${esc(report.id)}</code> · score <strong>${esc(score)}</strong> · generated ${esc(report.generatedAt)} by Mamori</p>
<table><thead><tr><th>Control</th><th>Title and evidence</th><th>Status</th><th>Passing</th><th>Failing</th><th>Muted</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
