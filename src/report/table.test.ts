import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  emptyReport,
  hostileReport,
  iacReport,
  liveReport,
  withPassesReport,
} from "./fixtures.test-helpers.js";
import { renderReport } from "./index.js";
import { terminalSafe } from "./table.js";

const ESC = "\u001b";

const table = (report: Parameters<typeof renderReport>[0], width?: number) =>
  renderReport(report, "table", width === undefined ? {} : { width });

/** The rows of the table: the lines between the header and the first blank line. */
function rows(text: string): string[] {
  const lines = text.split("\n");
  const end = lines.indexOf("");
  return lines.slice(1, end);
}

describe("table report", () => {
  it("writes a header and one row per finding, failures first and most severe first", () => {
    const text = table(iacReport());
    assert.match(text.split("\n")[0] ?? "", /^SEVERITY {2}CHECK +RESOURCE +MESSAGE$/);
    assert.deepEqual(
      rows(text).map((row) => row.split(/\s{2,}/)[0]),
      ["CRITICAL", "HIGH", "MUTED", "N/A"],
    );
    assert.deepEqual(
      rows(table(withPassesReport())).map((row) => row.split(/\s{2,}/)[0]),
      ["CRITICAL", "HIGH", "ERROR", "PASS"],
    );
  });

  it("sorts by severity whatever the input order", () => {
    const report = iacReport();
    report.findings.reverse();
    assert.deepEqual(
      rows(table(report)).map((row) => row.split(/\s{2,}/)[0]),
      ["CRITICAL", "HIGH", "MUTED", "N/A"],
    );
  });

  it("shows the resource name with file:line for IaC and the name for live resources", () => {
    const [critical = "", high = ""] = rows(table(iacReport()));
    assert.ok(critical.includes("aws_security_group.admin (infra/network/sg.tf:5) [ingress[0]]"));
    assert.ok(critical.endsWith("Ingress rule 0 opens port 22 to 0.0.0.0/0"));
    assert.ok(high.includes("aws_s3_bucket.logs (infra/main.tf:12-20)"));
    const live = rows(table(liveReport()));
    assert.deepEqual((live[1] ?? "").split(/\s{2,}/), [
      "HIGH",
      "aws.s3.block-public-access",
      "acme-public-assets",
      "Bucket acme-public-assets allows public ACLs",
    ]);
  });

  it("writes a summary line and lists the errors", () => {
    const text = table(iacReport());
    assert.ok(
      text.includes(
        "2 failing findings (1 critical, 1 high, 0 medium, 0 low, 0 info) · 1 muted · 7 resources scanned · 1 error\n",
      ),
    );
    assert.ok(text.endsWith("Errors (1):\n  infra/broken.tf:3:7: unexpected token '}'\n"));
  });

  it("says plainly that nothing failed for an empty report", () => {
    const text = table(emptyReport());
    assert.equal(
      text,
      [
        "Nothing failed: no failing findings in 7 resources checked by 12 checks.",
        "",
        "0 failing findings (0 critical, 0 high, 0 medium, 0 low, 0 info) · 0 muted · 7 resources scanned · 0 errors",
        "",
      ].join("\n"),
    );
  });

  it("trims rows to the terminal width, keeping the message column the widest", () => {
    for (const width of [120, 100, 80, 60, 40]) {
      const text = table(iacReport(), width);
      for (const line of [text.split("\n")[0] ?? "", ...rows(text)]) {
        assert.ok([...line].length <= width, `width ${width}: ${line}`);
      }
    }
    const [critical = ""] = rows(table(iacReport(), 100));
    assert.ok(critical.endsWith("…"), "a long row is cut with an ellipsis");
    const cells = critical.split(/\s{2,}/);
    assert.ok((cells[3] ?? "").length >= (cells[2] ?? "").length, critical);
    assert.equal(
      rows(table(iacReport(), 1000))[0],
      rows(table(iacReport()))[0],
      "a wide terminal trims nothing",
    );
  });

  it("writes no colour unless asked, and colours severities when asked", () => {
    for (const report of [iacReport(), liveReport(), emptyReport()]) {
      assert.equal(table(report).includes(ESC), false);
    }
    const coloured = renderReport(iacReport(), "table", { color: true });
    assert.ok(coloured.includes(`${ESC}[31mHIGH${ESC}[39m`));
    // Colour does not move the columns.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes.
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ""), table(iacReport()));
  });

  it("keeps control characters from scanned files away from the terminal", () => {
    const text = table(hostileReport(), 400);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    assert.ok(text.includes("line2\\x00\\x1b[31mred\\x08"));
    assert.equal(rows(text).length, 1, "line breaks in a message do not break the row");
    assert.equal(terminalSafe("a\u202eb\u2066c"), "a\\u{202e}b\\u{2066}c");
  });
});
