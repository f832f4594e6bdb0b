import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { iacReport } from "./fixtures.test-helpers.js";
import { isReportFormat, REPORT_FORMATS, type ReportFormat, renderReport } from "./index.js";

describe("renderReport", () => {
  it("has a writer for every format, each giving its own output", () => {
    const outputs = REPORT_FORMATS.map((format) => renderReport(iacReport(), format, {}));
    assert.equal(new Set(outputs).size, REPORT_FORMATS.length);
    const [table, json, sarif, junit, csv] = outputs;
    assert.match(table ?? "", /^SEVERITY/);
    assert.equal((JSON.parse(json ?? "") as { target: string }).target, "infra/");
    assert.equal((JSON.parse(sarif ?? "") as { version: string }).version, "2.1.0");
    assert.match(junit ?? "", /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    assert.match(csv ?? "", /^checkId,status,severity,/);
  });

  it("is deterministic", () => {
    for (const format of REPORT_FORMATS) {
      assert.equal(renderReport(iacReport(), format, {}), renderReport(iacReport(), format, {}));
    }
  });

  it("refuses an unknown format with a clear message", () => {
    assert.throws(
      () => renderReport(iacReport(), "xml" as ReportFormat, {}),
      /unknown report format "xml"; use one of table, json/,
    );
    assert.equal(isReportFormat("sarif"), true);
    assert.equal(isReportFormat("toString"), false);
  });
});
