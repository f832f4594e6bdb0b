import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type Expr, HclSyntaxError } from "./ast.js";
import { parseHcl, parseHclExpression } from "./parser.js";

function attr(source: string, name = "a"): Expr {
  const found = parseHcl(source).attributes.find((x) => x.name === name);
  assert.ok(found, `no attribute ${name}`);
  return found.expr;
}

function syntaxError(source: string): { message: string; line: number; column: number } {
  try {
    parseHcl(source);
  } catch (error) {
    assert.ok(error instanceof HclSyntaxError, String(error));
    return { message: error.message, line: error.line, column: error.column };
  }
  assert.fail("expected a syntax error");
}

describe("HCL parser", () => {
  it("gives every block and attribute its lines and columns", () => {
    const body = parseHcl(
      '# c\nresource "aws_s3_bucket" "b" {\n  bucket = "x" // trailing\n\n  tags = {\n    A = 1\n  }\n}\n',
    );
    const block = body.blocks[0];
    assert.ok(block);
    assert.deepEqual(
      [block.type, block.labels, block.line, block.endLine],
      ["resource", ["aws_s3_bucket", "b"], 2, 8],
    );
    const [bucket, tags] = block.body.attributes;
    assert.deepEqual([bucket?.name, bucket?.line, bucket?.column], ["bucket", 3, 3]);
    assert.deepEqual([tags?.line, tags?.endLine], [5, 7]);
  });

  it("parses operators with Terraform's precedence", () => {
    const e = attr("a = 1 + 2 * 3 == 7 || !false && x");
    assert.equal(e.kind, "binary");
    assert.equal(e.kind === "binary" && e.op, "||");
    const sum = attr("a = -1 - -2");
    assert.equal(sum.kind === "binary" && sum.left.kind === "literal" && sum.left.value, -1);
  });

  it("parses conditionals, calls with expansion, splats and index chains", () => {
    assert.equal(attr("a = x ? 1 : 2").kind, "conditional");
    const call = attr("a = max(xs...)");
    assert.ok(call.kind === "call" && call.expandFinal && call.args.length === 1);
    const splat = attr("a = aws_instance.web[*].tags.Name");
    assert.ok(splat.kind === "splat" && splat.each.kind === "getattr" && splat.each.name === "Name");
    const legacy = attr("a = aws_instance.web.*.id");
    assert.ok(legacy.kind === "splat");
    const chain = attr('a = x.y[0]["k"].z.0');
    assert.equal(chain.kind, "index");
  });

  it("parses for expressions over lists and objects, with grouping and conditions", () => {
    const list = attr("a = [for i, v in xs : v * 2 if i > 0]");
    assert.ok(list.kind === "for" && list.keyVar === "i" && list.cond !== undefined && !list.keyExpr);
    const obj = attr("a = {\n  for k, v in m :\n  v => k...\n}");
    assert.ok(obj.kind === "for" && obj.grouping && obj.keyExpr !== undefined);
  });

  it("parses templates with interpolation, directives, strip markers and escapes", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
    const t = attr('a = "x-${var.y}-%{ if z }yes%{ else }no%{ endif }-$${lit}\\n"');
    assert.ok(t.kind === "template");
    assert.deepEqual(
      t.parts.map((p) => p.kind),
      ["text", "interp", "text", "if", "text"],
    );
    const last = t.parts[4];
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
    assert.ok(last?.kind === "text" && last.text === "-${lit}\n");
  });

  it("parses heredocs, and indented heredocs lose their common indent", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
    const body = parseHcl("a = <<EOT\nline ${x}\nEOT\nb = <<-EOT\n    one\n      two\n    EOT\nc = 1\n");
    const b = body.attributes.find((x) => x.name === "b")?.expr;
    assert.ok(b?.kind === "template");
    assert.deepEqual(b.parts, [{ kind: "text", text: "one\n  two\n" }]);
    assert.equal(body.attributes.find((x) => x.name === "c")?.line, 8);
  });

  it("parses objects spread over lines and one-line blocks", () => {
    const body = parseHcl('a = {\n  x = 1\n  "y.z" = [\n    1,\n    2,\n  ]\n}\nblk { k = 1 }\n');
    assert.equal(body.attributes[0]?.expr.kind, "object");
    assert.equal(body.blocks[0]?.body.attributes[0]?.name, "k");
  });

  it("reports errors with line and column", () => {
    assert.deepEqual(syntaxError("a = 1 +\n"), {
      message: "expected an expression but found end of line",
      line: 1,
      column: 8,
    });
    assert.deepEqual(syntaxError('resource "x" "y" {\n  a = 1\n'), {
      message: 'expected "}" to close the block but found end of file',
      line: 3,
      column: 1,
    });
    assert.equal(
      syntaxError("a = <<EOF\nnever closed\n").message,
      "heredoc <<EOF is not closed by a line holding only EOF",
    );
    assert.equal(syntaxError('a = "%{ if x }open"').message, "%{if} without %{endif}");
    assert.equal(
      syntaxError("a = 1 b = 2").message,
      'expected a newline after the attribute or block but found "b"',
    );
  });

  it("refuses expressions nested beyond its limit instead of overflowing the stack", () => {
    const deep = `${"[".repeat(5000)}1${"]".repeat(5000)}`;
    assert.match(syntaxError(`a = ${deep}`).message, /nested more than \d+ levels deep/);
  });

  it("parses standalone expressions for --var values", () => {
    const e = parseHclExpression('{ a = ["x", "y"] }');
    assert.equal(e.kind, "object");
  });

  it("parses provider-defined function calls", () => {
    const call = attr('a = provider::aws::arn_parse("arn:aws:s3:::x").resource');
    assert.ok(
      call.kind === "getattr" &&
        call.object.kind === "call" &&
        call.object.name === "provider::aws::arn_parse",
    );
  });

  it("either parses or throws a syntax error with a position on mangled input (seeded)", () => {
    const original = readFileSync(
      join(import.meta.dirname, "..", "testdata", "acceptance", "main.tf"),
      "utf8",
    );
    const alphabet = '{}[]()"$%~=:?!<>-+*/.,#\n \\';
    let state = 12345;
    const next = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    for (let round = 0; round < 400; round++) {
      const chars = [...original];
      for (let k = 0; k < 1 + next(4); k++) {
        const at = next(chars.length);
        if (next(2) === 0) chars[at] = alphabet[next(alphabet.length)] as string;
        else chars.splice(at, 1);
      }
      try {
        parseHcl(chars.join(""));
      } catch (error) {
        assert.ok(error instanceof HclSyntaxError, `round ${round}: ${String(error)}`);
        assert.ok(error.line >= 1 && error.column >= 1);
      }
    }
  });
});
