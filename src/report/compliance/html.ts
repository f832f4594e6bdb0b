import type { ControlStatus } from "../../model/index.js";
import type { ComplianceReport, ControlReport } from "./build.js";

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const esc = (value: string | number | undefined) =>
  value === undefined ? "" : String(value).replace(/[&<>"']/g, (c) => escapes[c] ?? c);

const STATUS_LABEL: Record<ControlStatus, string> = {
  pass: "Pass",
  fail: "Fail",
  error: "Error",
  manual: "Manual",
  no_data: "No data",
};

/**
 * A self-contained HTML page (no scripts, no external assets, strict CSP) that
 * an auditor can open offline or print: the score, then each section's
 * controls with their resources.
 */
export function complianceHtml(report: ComplianceReport): string {
  const sections = new Map<string, ControlReport[]>();
  for (const control of report.controls) {
    const name = control.section ?? "Controls";
    sections.set(name, [...(sections.get(name) ?? []), control]);
  }
  const score = report.score === null ? "n/a" : `${report.score}%`;
  const counts = (Object.keys(STATUS_LABEL) as ControlStatus[])
    .map((s) => `<li class="${s}"><strong>${report.counts[s]}</strong> ${STATUS_LABEL[s]}</li>`)
    .join("");
  const body = [...sections]
    .map(
      ([section, controls]) =>
        `<section><h2>${esc(section)}</h2><table><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Resources</th></tr></thead><tbody>${controls
          .map(controlRows)
          .join("")}</tbody></table></section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.framework.name)} — compliance report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(report.framework.name)}</h1>
<p class="meta">${esc(report.framework.id)} · ${esc(report.scope)} · generated ${esc(report.generatedAt)} by ${esc(report.tool.name)} ${esc(report.tool.version)}</p>
<div class="score"><span>${esc(score)}</span> of decided automated controls pass</div>
<ul class="counts">${counts}</ul>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

function controlRows(control: ControlReport): string {
  const failing = control.evidence.filter((e) => e.status === "fail" || e.status === "error");
  const resources =
    control.evidence.length === 0
      ? `<span class="muted">${control.automated ? "no resource evaluated" : "assess manually"}</span>`
      : `${control.passed} passed, ${control.failed} failed${control.errors ? `, ${control.errors} errors` : ""}`;
  const details =
    failing.length === 0
      ? ""
      : `<tr class="details"><td></td><td colspan="3"><ul>${failing
          .map(
            (e) =>
              `<li><span class="badge ${e.muted ? "muted" : e.status}">${e.muted ? "muted" : e.status}</span> <code>${esc(e.resource.id)}</code> — ${esc(e.message)}${e.location ? ` <span class="muted">(${esc(e.location.file)}:${e.location.startLine})</span>` : ""}${e.remediation ? `<br><span class="fix">Fix: ${esc(e.remediation)}</span>` : ""}</li>`,
          )
          .join("")}</ul></td></tr>`;
  return `<tr id="control-${esc(control.id)}"><td><strong>${esc(control.id)}</strong></td><td>${esc(control.title)}${control.profile ? ` <span class="muted">${esc(control.profile)}</span>` : ""}</td><td><span class="badge ${control.status}">${STATUS_LABEL[control.status]}</span></td><td>${resources}</td></tr>${details}`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --line: #d0d7de; --soft: #57606a;
  --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --manual: #6639ba; --no_data: #57606a; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --line: #30363d; --soft: #8b949e; } }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { margin: 0; } h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); }
.meta, .muted { color: var(--soft); }
.score span { font-size: 2.5rem; font-weight: 700; margin-right: .5rem; }
.counts { display: flex; gap: 1.5rem; list-style: none; padding: 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
tr.details td { border-bottom: 1px solid var(--line); padding-top: 0; } tr.details ul { margin: 0; padding-left: 1rem; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-size: 12px; color: #fff; background: var(--no_data); }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.error { background: var(--error); }
.badge.manual { background: var(--manual); } .badge.muted { background: var(--soft); }
.fix { color: var(--soft); } code { font-size: 12px; word-break: break-all; }
@media print { body { margin: 0; } tr { break-inside: avoid; } }
`;
