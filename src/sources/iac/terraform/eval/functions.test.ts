import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUnknown } from "../../../../model/index.js";
import { parseHclExpression } from "../hcl/parser.js";
import { evaluate, Scope } from "./expr.js";
import { FUNCTION_NAMES } from "./functions.js";
import { TfEvalError, type Value } from "./values.js";

function run(source: string, vars: Record<string, Value> = {}): Value {
  const scope = new Scope({
    root: (name) => {
      if (name === "var") return vars;
      throw new TfEvalError(`unknown reference ${name}`);
    },
    readFile: () => {
      throw new TfEvalError("no files here");
    },
    fileExists: () => false,
    renderTemplate: () => "",
    listFiles: () => [],
  });
  return evaluate(parseHclExpression(source), scope);
}

const U = { $unknown: true, reason: "var.x has no value" };

describe("Terraform functions and expressions", () => {
  it("has at least 60 built-in functions", () => {
    assert.ok(FUNCTION_NAMES.length >= 60, String(FUNCTION_NAMES.length));
  });

  const cases: [string, Value][] = [
    ['upper("abc")', "ABC"],
    ['format("%s-%03d-%.2f-%q", "a", 7, 1.5, "x")', 'a-007-1.50-"x"'],
    ['formatlist("%s=%s", ["a", "b"], "v")', ["a=v", "b=v"]],
    ['join(",", ["a", "b"], ["c"])', "a,b,c"],
    ['split(",", "a,b")', ["a", "b"]],
    ['replace("a-b-c", "-", "_")', "a_b_c"],
    ['replace("v1.2.3", "/v(\\\\d+).*/", "major $1")', "major 1"],
    ['regex("^(\\\\w+)@(\\\\w+)$", "me@host")', ["me", "host"]],
    ['regex("(?P<user>\\\\w+)@", "me@host")', { user: "me" }],
    ['regexall("\\\\d", "a1b2")', ["1", "2"]],
    ['substr("hello", 1, 3)', "ell"],
    ['trim("?!hi!?", "!?")', "hi"],
    ['trimprefix("prod-x", "prod-")', "x"],
    ["length([1, 2, 3])", 3],
    ['lookup({ a = 1 }, "b", 2)', 2],
    ["merge({ a = 1, b = 1 }, { b = 2 })", { a: 1, b: 2 }],
    ["concat([1], [2, 3])", [1, 2, 3]],
    ["flatten([[1, [2]], 3])", [1, 2, 3]],
    ['distinct(["a", "b", "a"])', ["a", "b"]],
    ['toset(["b", "a", "b"])', ["b", "a"]],
    ["keys({ b = 1, a = 2 })", ["a", "b"]],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
    ["range(1, 7, 2)", [1, 3, 5]],
    ["element([1, 2, 3], 4)", 2],
    ['coalesce("", null, "x")', "x"],
    ['cidrsubnet("10.0.0.0/16", 8, 2)', "10.0.2.0/24"],
    ['cidrsubnet("fd00::/56", 8, 1)', "fd00:0:0:1::/64"],
    ['cidrhost("10.0.0.0/24", 5)', "10.0.0.5"],
    ['cidrnetmask("10.0.0.0/20")', "255.255.240.0"],
    ['cidrsubnets("10.0.0.0/16", 4, 4, 8)', ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/24"]],
    ['jsonencode({ a = [1, "x", true] })', '{"a":[1,"x",true]}'],
    ['jsondecode("{\\"a\\": [1]}")', { a: [1] }],
    ['yamldecode("a: [1, 2]")', { a: [1, 2] }],
    ['base64decode(base64encode("héllo"))', "héllo"],
    ['sha256("abc")', "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ['try(var.missing.x, "fallback")', "fallback"],
    ["can(var.missing.x)", false],
    ["[for s in ['a', 'b'] : upper(s)]".replace(/'/g, '"'), ["A", "B"]],
    ["{ for k, v in { a = 1, b = 2 } : v => k }", { "1": "a", "2": "b" }],
    ['{ for s in ["a", "b", "a"] : s => s... }', { a: ["a", "a"], b: ["b"] }],
    ["[{ a = 1 }, { a = 2 }][*].a", [1, 2]],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
    ['"%{ for i, x in ["a", "b"] }${i}${x}%{ endfor }"', "0a1b"],
    ["1 + 2 * 3 - 4 / 2", 5],
    ['"5" + 1', 6],
    ["true && false || !false", true],
    ['tonumber("12") == 12', true],
    ['tobool("true")', true],
    [
      "abs(-3) + ceil(1.2) + floor(1.8) + max(1, 5) + min(2, 9) + pow(2, 3) + signum(-4)",
      3 + 2 + 1 + 5 + 2 + 8 - 1,
    ],
    ['parseint("ff", 16)', 255],
    ['setunion(["a"], ["b", "a"])', ["a", "b"]],
    ['setintersection(["a", "b"], ["b", "c"])', ["b"]],
    ['setsubtract(["a", "b"], ["b"])', ["a"]],
    ['contains(["a"], "a")', true],
    ['index(["a", "b"], "b")', 1],
    ['slice(["a", "b", "c"], 1, 3)', ["b", "c"]],
    ['sort(["b", "a"])', ["a", "b"]],
    ["sum([1, 2, 3])", 6],
    ['transpose({ a = ["1", "2"], b = ["2"] })', { "1": ["a"], "2": ["a", "b"] }],
    ['one(["x"])', "x"],
    ["alltrue([true, true])", true],
    ["anytrue([false, true])", true],
    ["chunklist([1, 2, 3], 2)", [[1, 2], [3]]],
    ['compact(["a", "", null])', ["a"]],
    ['strrev("abc")', "cba"],
    ['title("hello world")', "Hello World"],
    ['indent(2, "a\\nb")', "a\n  b"],
    ['chomp("x\\n\\n")', "x"],
    ['urlencode("a b&c")', "a+b%26c"],
    ['csvdecode("a,b\\n1,2\\n")', [{ a: "1", b: "2" }]],
    ['startswith("abc", "ab") && endswith("abc", "bc") && strcontains("abc", "b")', true],
    ['basename("a/b/c.txt")', "c.txt"],
    ['dirname("a/b/c.txt")', "a/b"],
    ['matchkeys(["a", "b"], ["x", "y"], ["y"])', ["b"]],
  ];
  for (const [source, expected] of cases)
    it(source, () => {
      assert.deepEqual(run(source), expected);
    });

  it("keeps unknowns unknown through operators, functions, templates and for expressions", () => {
    const vars = { x: U, list: ["a", U] };
    for (const source of [
      "var.x + 1",
      "!var.x",
      "var.x ? 1 : 2",
      "upper(var.x)",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a JS template
      '"pre-${var.x}"',
      "[for v in var.x : v]",
      "var.x[*].id",
      "jsonencode({ a = var.x })",
      'join(",", var.list)',
      "var.x == 1",
      'lookup(var.x, "a")',
    ])
      assert.ok(isUnknown(run(source, vars)), source);
    assert.equal(run("length(var.list)", vars), 2);
    assert.equal(run("false && var.x", vars), false);
    assert.equal(run('coalesce("a", var.x)', vars), "a");
  });

  it("returns unknown for functions of the moment or of chance", () => {
    for (const source of ["timestamp()", "uuid()", 'bcrypt("x")']) assert.ok(isUnknown(run(source)), source);
  });

  it("raises evaluation errors for bad calls, which the module evaluator turns into notes", () => {
    assert.throws(() => run("nosuch(1)"), /function nosuch\(\) is not supported/);
    assert.throws(() => run('upper("a", "b")'), /takes 1 arguments, got 2/);
    assert.throws(() => run('regex("(", "x")'), /invalid regular expression/);
    assert.throws(() => run("range(0, 10000000)"), /more than/);
    assert.throws(() => run('{ for s in ["a", "a"] : s => s }'), /duplicate key/);
  });
});
