import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CSV_COLUMNS, csvField, guardFormula } from "./csv.js";
import { emptyReport, HOSTILE, hostileReport, iacReport, liveReport } from "./fixtures.test-helpers.js";
import { renderReport } from "./index.js";

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; throws on a stray quote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let pos = 0;
  for (;;) {
    let field = "";
    if (text[pos] === '"') {
      pos++;
      for (;;) {
        const quote = text.indexOf('"', pos);
        if (quote < 0) throw new Error("unterminated quoted field");
        field += text.slice(pos, quote);
        pos = quote + 1;
        if (text[pos] === '"') {
          field += '"';
          pos++;
        } else break;
      }
    } else {
      const end = text.slice(pos).search(/,|\r\n/);
      field = end < 0 ? text.slice(pos) : text.slice(pos, pos + end);
      if (/["\r\n]/.test(field)) throw new Error(`unquoted field holds a quote or line break: ${field}`);
      pos += field.length;
    }
    record.push(field);
    if (text[pos] === ",") {
      pos++;
    } else if (text.startsWith("\r\n", pos)) {
      pos += 2;
      records.push(record);
      record = [];
      if (pos === text.length) return records;
    } else {
      throw new Error(`expected , or CRLF at ${pos}`);
    }
  }
}

const csv = (report: Parameters<typeof renderReport>[0]) => parseCsv(renderReport(report, "csv", {}));

function rowObject(header: string[], row: string[]): Record<string, string> {
  return Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""]));
}

describe("csv report", () => {
  it("the reader used below rejects malformed CSV, so its acceptance means something", () => {
    assert.throws(() => parseCsv('a,b"c\r\n'));
    assert.throws(() => parseCsv('"open\r\n'));
    assert.throws(() => parseCsv("no final line break"));
  });

  it("writes a header and one CRLF-terminated row per finding", () => {
    for (const report of [iacReport(), liveReport(), emptyReport()]) {
      const records = csv(report);
      assert.deepEqual(records[0], [...CSV_COLUMNS]);
      assert.equal(records.length, report.findings.length + 1);
      for (const record of records) assert.equal(record.length, CSV_COLUMNS.length);
    }
    assert.equal(renderReport(emptyReport(), "csv", {}), `${CSV_COLUMNS.join(",")}\r\n`);
  });

  it("fills the columns from the finding", () => {
    const report = iacReport();
    const [header = [], first = []] = csv(report);
    assert.deepEqual(rowObject(header, first), {
      checkId: "aws.s3.block-public-access",
      status: "fail",
      severity: "high",
      title: "S3 bucket blocks public access",
      resourceId: "infra/main.tf#aws_s3_bucket.logs",
      resourceType: "aws.s3.bucket",
      resourceName: "aws_s3_bucket.logs",
      provider: "aws",
      account: "",
      region: "",
      file: "infra/main.tf",
      startLine: "12",
      endLine: "20",
      compliance: "cis-aws 7.0.0 2.1.4; pci-dss 4.0 1.2.1",
      fingerprint: report.findings[0]?.fingerprint ?? "",
      message: "Bucket aws_s3_bucket.logs does not block public ACLs",
      muted: "",
    });
    const live = csv(liveReport());
    const liveRow = rowObject(live[0] ?? [], live[1] ?? []);
    assert.equal(liveRow.account, "123456789012");
    assert.equal(liveRow.region, "us-east-1");
    assert.equal(liveRow.file, "");
    assert.equal(liveRow.startLine, "");
    const muted = csv(report).find((r) => r[CSV_COLUMNS.indexOf("muted")] !== "" && r[0] !== "checkId");
    assert.equal(muted?.[CSV_COLUMNS.indexOf("muted")], "scratch bucket, recreated daily");
  });

  it("quotes fields with commas, quotes and line breaks, doubling the quotes", () => {
    assert.equal(csvField("plain"), "plain");
    assert.equal(csvField("a,b"), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField("line\nbreak"), '"line\nbreak"');
    assert.equal(csvField("cr\rhere"), '"cr\rhere"');
    assert.equal(csvField(undefined), "");
    assert.equal(csvField(12), "12");
  });

  it("guards cells a spreadsheet would run as a formula", () => {
    for (const text of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
      assert.equal(guardFormula(text), `'${text}`);
    for (const text of ["a=b", "", "1-2", "'already", " =1"]) assert.equal(guardFormula(text), text);
    assert.equal(csvField("=A1,B1"), `"'=A1,B1"`);
    assert.equal(csvField(-1), "-1");
  });

  it("round-trips hostile text, guarded, through a strict reader", () => {
    const [header = [], row = []] = csv(hostileReport());
    const cells = rowObject(header, row);
    assert.equal(cells.message, `'${HOSTILE}`);
    assert.equal(cells.title, "'\tTitle with a leading tab");
    assert.equal(cells.resourceName, "'+cmd|' /C calc'!A0");
    assert.equal(cells.account, "'@SUM(1+1)");
    assert.equal(cells.region, "'-2+3");
    assert.equal(cells.file, 'infra/evil, "odd".tf');
    for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  });
});
