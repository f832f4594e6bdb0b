import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  emptyReport,
  HOSTILE,
  hostileReport,
  iacReport,
  liveReport,
  withPassesReport,
} from "./fixtures.test-helpers.js";
import { renderReport } from "./index.js";
import { escapeXmlAttribute, escapeXmlText, SCAN_ERRORS_SUITE } from "./junit.js";

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict parser for the XML subset the writer emits: declaration,
 * elements, double-quoted attributes, text, the five named entities and
 * numeric references. It throws on anything else (a raw `<` or `&` in
 * text or attributes, a character XML 1.0 forbids, a CDATA section,
 * mismatched tags), so a document it accepts is well-formed.
 */
function parseXml(xml: string): XmlElement {
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${pos}: ${JSON.stringify(xml.slice(pos, pos + 30))}`);
  };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for forbidden characters.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) fail("forbidden character");
  const decode = (raw: string): string => {
    if (/[<]/.test(raw)) fail("raw < in text or attribute");
    return raw.replace(/&([^;]*);?/g, (match, entity: string) => {
      if (!match.endsWith(";")) fail("bare &");
      const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
      if (entity in named) return named[entity] ?? "";
      const num = /^#(\d+)$/.exec(entity)?.[1] ?? /^#x([0-9a-fA-F]+)$/.exec(entity)?.[1];
      if (num === undefined) return fail(`unknown entity &${entity};`);
      return String.fromCodePoint(entity.startsWith("#x") ? Number.parseInt(num, 16) : Number(num));
    });
  };
  const skipSpace = () => {
    while (/\s/.test(xml[pos] ?? "")) pos++;
  };
  if (xml.startsWith("<?xml")) pos = xml.indexOf("?>") + 2;
  skipSpace();
  const element = (): XmlElement => {
    const open = /^<([A-Za-z_][\w.-]*)/.exec(xml.slice(pos)) ?? fail("expected element");
    pos += open[0].length;
    const node: XmlElement = { name: open[1] ?? "", attributes: {}, children: [], text: "" };
    for (;;) {
      skipSpace();
      if (xml.startsWith("/>", pos)) {
        pos += 2;
        return node;
      }
      if (xml[pos] === ">") {
        pos++;
        break;
      }
      const attr = /^([A-Za-z_][\w.-]*)="([^"]*)"/.exec(xml.slice(pos)) ?? fail("bad attribute");
      const name = attr[1] ?? "";
      if (name in node.attributes) fail(`duplicate attribute ${name}`);
      // Attribute-value normalisation: literal whitespace characters become spaces.
      node.attributes[name] = decode((attr[2] ?? "").replace(/[\t\n\r]/g, " "));
      pos += attr[0].length;
    }
    for (;;) {
      const next = xml.indexOf("<", pos);
      if (next < 0) fail("unclosed element");
      node.text += decode(xml.slice(pos, next).replace(/\r\n?/g, "\n"));
      pos = next;
      if (xml.startsWith("</", pos)) {
        const close = `</${node.name}>`;
        if (!xml.startsWith(close, pos)) fail(`expected ${close}`);
        pos += close.length;
        return node;
      }
      if (xml.startsWith("<!", pos) || xml.startsWith("<?", pos)) fail("unexpected markup");
      node.children.push(element());
    }
  };
  const root = element();
  skipSpace();
  if (pos !== xml.length) fail("content after the root element");
  return root;
}

const junit = (report: Parameters<typeof renderReport>[0]) => parseXml(renderReport(report, "junit", {}));
const suitesOf = (root: XmlElement) => root.children.filter((c) => c.name === "testsuite");
const casesOf = (suite: XmlElement) => suite.children.filter((c) => c.name === "testcase");
const childOf = (testcase: XmlElement, name: string) => testcase.children.find((c) => c.name === name);

describe("junit report", () => {
  it("escapes markup, quotes and ]]> in text and attributes", () => {
    assert.equal(escapeXmlText(`a < b && c > d ]]> "q" 'a'`), `a &lt; b &amp;&amp; c &gt; d ]]&gt; "q" 'a'`);
    assert.equal(
      escapeXmlAttribute(`<"it's"> & ]]>\ttab\nline\rcr`),
      "&lt;&quot;it&apos;s&quot;&gt; &amp; ]]&gt;&#9;tab&#10;line&#13;cr",
    );
  });

  it("replaces characters XML 1.0 forbids with a visible escape", () => {
    assert.equal(
      escapeXmlText("nul\u0000 esc\u001b bs\u0008 ff\u000c"),
      "nul\\u0000 esc\\u001b bs\\u0008 ff\\u000c",
    );
    assert.equal(escapeXmlText("lone \ud800 surrogate, \uffff"), "lone \\ud800 surrogate, \\uffff");
    assert.equal(escapeXmlText("kept: tab\t é 😀"), "kept: tab\t é 😀");
  });

  it("the parser used below rejects malformed XML, so its acceptance means something", () => {
    assert.throws(() => parseXml("<a>x < y</a>"));
    assert.throws(() => parseXml('<a b="x & y"/>'));
    assert.throws(() => parseXml("<a>\u0000</a>"));
    assert.throws(() => parseXml("<a><![CDATA[x]]></a>"));
    assert.throws(() => parseXml("<a><b></a></b>"));
  });

  it("round-trips hostile finding text through a strict parser", () => {
    const root = junit(hostileReport());
    const testcase = casesOf(suitesOf(root)[0] ?? fail())[0] ?? fail();
    const failure = childOf(testcase, "failure") ?? fail();
    const expected = HOSTILE.replace("\u0000", "\\u0000")
      .replace("\u001b", "\\u001b")
      .replace("\u0008", "\\u0008");
    assert.equal(failure.attributes.message, expected, "attribute keeps CR, LF and quotes");
    assert.ok(failure.text.startsWith(expected), "element text keeps them too");
    assert.ok(failure.text.includes('Evidence: acl = "<public-read & more>"'));
    assert.equal(testcase.attributes.file, 'infra/evil, "odd".tf');
    const raw = renderReport(hostileReport(), "junit", {});
    assert.equal(raw.split("]]>").length, 1, "no raw ]]> in the output");
  });

  it("writes one suite per check, sorted, with counts that match its cases", () => {
    for (const report of [iacReport(), liveReport(), withPassesReport(), hostileReport(), emptyReport()]) {
      const root = junit(report);
      const suites = suitesOf(root);
      const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
      for (const suite of suites) {
        const cases = casesOf(suite);
        const counted = {
          tests: cases.length,
          failures: cases.filter((c) => childOf(c, "failure")).length,
          errors: cases.filter((c) => childOf(c, "error")).length,
          skipped: cases.filter((c) => childOf(c, "skipped")).length,
        };
        for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
          assert.equal(suite.attributes[key], String(counted[key]), `${suite.attributes.name} ${key}`);
          totals[key] += counted[key];
        }
      }
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
        assert.equal(root.attributes[key], String(totals[key]), `testsuites ${key}`);
      }
      const checkSuites = suites.map((s) => s.attributes.name).filter((n) => n !== SCAN_ERRORS_SUITE);
      assert.deepEqual(checkSuites, [...new Set(report.findings.map((f) => f.checkId))].sort());
    }
  });

  it("maps fail, muted, not applicable, error and pass", () => {
    const iac = suitesOf(junit(iacReport()));
    assert.deepEqual(
      iac.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.skipped]),
      [
        ["aws.ec2.security-group-admin-ports-ipv4", "1", "1", "0"],
        ["aws.s3.block-public-access", "1", "1", "0"],
        ["aws.s3.versioning-enabled", "2", "0", "2"],
        [SCAN_ERRORS_SUITE, "1", "0", "0"],
      ],
    );
    const versioning = casesOf(iac[2] ?? fail());
    assert.deepEqual(
      versioning.map((c) => childOf(c, "skipped")?.attributes.message),
      [
        "not applicable: cannot decide: versioning is off, but the value is unknown at scan time",
        "muted: scratch bucket, recreated daily",
      ],
    );
    const sg = casesOf(iac[0] ?? fail())[0] ?? fail();
    assert.equal(sg.attributes.name, "aws_security_group.admin (infra/network/sg.tf:5) [ingress[0]]");
    assert.equal(sg.attributes.classname, "aws.ec2.security-group-admin-ports-ipv4");
    assert.equal(childOf(sg, "failure")?.attributes.type, "critical");

    const live = suitesOf(junit(withPassesReport()));
    const versioningLive = casesOf(
      live.find((s) => s.attributes.name === "aws.s3.versioning-enabled") ?? fail(),
    );
    assert.equal(childOf(versioningLive[0] ?? fail(), "error")?.attributes.type, "error");
    assert.equal(versioningLive[1]?.children.length, 0, "a pass is an empty testcase");
    const errors = live.find((s) => s.attributes.name === SCAN_ERRORS_SUITE) ?? fail();
    assert.equal(
      childOf(casesOf(errors)[0] ?? fail(), "error")?.attributes.message,
      "AccessDenied: iam:ListRoles",
    );
  });

  it("writes an empty testsuites element for an empty report", () => {
    const root = junit(emptyReport());
    assert.equal(root.name, "testsuites");
    assert.deepEqual(root.children, []);
    assert.equal(root.attributes.tests, "0");
    assert.equal(root.attributes.time, "1.234");
  });
});

function fail(): never {
  throw new Error("missing element");
}
