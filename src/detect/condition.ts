/**
 * Parser of Falco's condition language into an AST. Written by hand because the grammar is
 * small and Falco-specific (bare-word values, bracketed field arguments, list literals), and
 * errors must carry the column of the offending token.
 */

export const TRANSFORMERS = ["tolower", "toupper", "b64", "basename", "len"] as const;
export type Transformer = (typeof TRANSFORMERS)[number];

export const BINARY_OPS = [
  "=",
  "==",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "contains",
  "icontains",
  "bcontains",
  "startswith",
  "bstartswith",
  "endswith",
  "glob",
  "iglob",
  "regex",
] as const;
export const LIST_OPS = ["in", "intersects", "pmatch"] as const;
export const UNARY_OPS = ["exists"] as const;

export interface FieldRef {
  name: string;
  arg?: string;
  transformers: Transformer[];
  pos: number;
}

export interface ListItem {
  text: string;
  quoted: boolean;
  pos: number;
}

export type ValueRef =
  | { kind: "value"; item: ListItem }
  | { kind: "list"; items: ListItem[] }
  | { kind: "field"; field: FieldRef };

export type ConditionNode =
  | { kind: "and" | "or"; items: ConditionNode[] }
  | { kind: "not"; item: ConditionNode }
  | { kind: "check"; field: FieldRef; op: string; value?: ValueRef; pos: number }
  | { kind: "macro"; name: string; pos: number }
  | { kind: "const"; value: boolean };

export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

type Token =
  | { t: "lp" | "rp" | "comma"; pos: number }
  | { t: "op"; v: string; pos: number }
  | { t: "str"; v: string; pos: number }
  | { t: "word"; v: string; pos: number };

const DELIMS = new Set([" ", "\t", "\n", "\r", "(", ")", ",", "=", "<", ">", "!", '"', "'"]);

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "(") tokens.push({ t: "lp", pos: i++ });
    else if (c === ")") tokens.push({ t: "rp", pos: i++ });
    else if (c === ",") tokens.push({ t: "comma", pos: i++ });
    else if (c === "=" || c === "<" || c === ">" || c === "!") {
      const two = src.slice(i, i + 2);
      if (two === "==" || two === "!=" || two === "<=" || two === ">=") {
        tokens.push({ t: "op", v: two, pos: i });
        i += 2;
      } else if (c === "!") throw new ConditionSyntaxError("unexpected '!'", i);
      else tokens.push({ t: "op", v: c, pos: i++ });
    } else if (c === '"' || c === "'") {
      const start = i++;
      let value = "";
      while (i < src.length && src.charAt(i) !== c) {
        if (src.charAt(i) === "\\" && i + 1 < src.length) {
          const next = src.charAt(i + 1);
          value += next === "n" ? "\n" : next === "t" ? "\t" : next;
          i += 2;
        } else value += src.charAt(i++);
      }
      if (i >= src.length) throw new ConditionSyntaxError("unterminated string", start);
      i++;
      tokens.push({ t: "str", v: value, pos: start });
    } else {
      const start = i;
      while (i < src.length && !DELIMS.has(src.charAt(i))) {
        if (src.charAt(i) === "[") {
          const close = src.indexOf("]", i);
          if (close < 0) throw new ConditionSyntaxError("unterminated '[' in field argument", i);
          i = close + 1;
        } else i++;
      }
      tokens.push({ t: "word", v: src.slice(start, i), pos: start });
    }
  }
  return tokens;
}

const OPERATOR_WORDS = new Set<string>([
  ...BINARY_OPS.filter((o) => /^[a-z]/.test(o)),
  ...LIST_OPS,
  ...UNARY_OPS,
]);

export function parseCondition(src: string): ConditionNode {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const atEnd = () => p >= tokens.length;
  const fail = (message: string, pos = peek()?.pos ?? src.length): never => {
    throw new ConditionSyntaxError(message, pos);
  };
  const isWord = (v: string) => {
    const t = peek();
    return t?.t === "word" && t.v === v;
  };

  function orExpr(): ConditionNode {
    const items = [andExpr()];
    while (isWord("or")) {
      p++;
      items.push(andExpr());
    }
    return items.length === 1 ? (items[0] as ConditionNode) : { kind: "or", items };
  }
  function andExpr(): ConditionNode {
    const items = [notExpr()];
    while (isWord("and")) {
      p++;
      items.push(notExpr());
    }
    return items.length === 1 ? (items[0] as ConditionNode) : { kind: "and", items };
  }
  function notExpr(): ConditionNode {
    if (isWord("not")) {
      p++;
      return { kind: "not", item: notExpr() };
    }
    return primary();
  }
  function primary(): ConditionNode {
    const t = peek();
    if (!t) return fail("unexpected end of condition");
    if (t.t === "lp") {
      p++;
      const inner = orExpr();
      if (peek()?.t !== "rp") fail("expected ')'");
      p++;
      return inner;
    }
    if (t.t !== "word") return fail(`unexpected ${describe(t)}`);
    if (["and", "or"].includes(t.v)) return fail(`unexpected '${t.v}'`);
    const next = tokens[p + 1];
    const isTransformer = (TRANSFORMERS as readonly string[]).includes(t.v) && next?.t === "lp";
    if (!isTransformer && !t.v.includes(".") && !t.v.includes("[") && !isOperatorNext(next)) {
      p++;
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(t.v)) fail(`invalid identifier '${t.v}'`, t.pos);
      return { kind: "macro", name: t.v, pos: t.pos };
    }
    return check();
  }
  function isOperatorNext(next: Token | undefined): boolean {
    return next?.t === "op" || (next?.t === "word" && OPERATOR_WORDS.has(next.v));
  }
  function fieldRef(): FieldRef {
    const t = peek();
    if (t?.t !== "word") return fail("expected a field");
    if ((TRANSFORMERS as readonly string[]).includes(t.v) && tokens[p + 1]?.t === "lp") {
      p += 2;
      const inner = fieldRef();
      if (peek()?.t !== "rp") fail("expected ')' after transformer argument");
      p++;
      return { ...inner, transformers: [...inner.transformers, t.v as Transformer], pos: t.pos };
    }
    p++;
    const m = /^([A-Za-z0-9_.]+)(?:\[(.*)\])?$/s.exec(t.v);
    if (!m?.[1]) return fail(`invalid field '${t.v}'`, t.pos);
    return { name: m[1], arg: m[2], transformers: [], pos: t.pos };
  }
  function check(): ConditionNode {
    const start = peek()?.pos ?? 0;
    const field = fieldRef();
    const opTok = peek();
    if (!opTok) return fail(`missing operator after field '${field.name}'`, src.length);
    let op: string;
    if (opTok.t === "op") op = opTok.v;
    else if (opTok.t === "word" && OPERATOR_WORDS.has(opTok.v)) op = opTok.v;
    else return fail(`expected an operator after '${field.name}', got ${describe(opTok)}`, opTok.pos);
    p++;
    if (op === "exists") return { kind: "check", field, op, pos: start };
    if ((LIST_OPS as readonly string[]).includes(op)) {
      if (peek()?.t === "lp") return { kind: "check", field, op, value: listLiteral(), pos: start };
      const item = scalar();
      return { kind: "check", field, op, value: { kind: "list", items: [item] }, pos: start };
    }
    const v = peek();
    if (v?.t === "word" && v.v === "val" && tokens[p + 1]?.t === "lp") {
      p += 2;
      const other = fieldRef();
      if (peek()?.t !== "rp") fail("expected ')' after val() argument");
      p++;
      return { kind: "check", field, op, value: { kind: "field", field: other }, pos: start };
    }
    return { kind: "check", field, op, value: { kind: "value", item: scalar() }, pos: start };
  }
  function scalar(): ListItem {
    const t = peek();
    if (t?.t === "str") {
      p++;
      return { text: t.v, quoted: true, pos: t.pos };
    }
    if (t?.t === "word") {
      p++;
      return { text: t.v, quoted: false, pos: t.pos };
    }
    return fail(t ? `expected a value, got ${describe(t)}` : "expected a value", t?.pos ?? src.length);
  }
  function listLiteral(): ValueRef {
    p++; // (
    const items: ListItem[] = [];
    if (peek()?.t === "rp") {
      p++;
      return { kind: "list", items };
    }
    for (;;) {
      // Falco lets list items be several bare words ("a b") only when quoted; a word run joins with a space.
      const first = scalar();
      let merged = first;
      while (peek()?.t === "word" || peek()?.t === "str") {
        const more = scalar();
        merged = {
          text: `${merged.text} ${more.text}`,
          quoted: merged.quoted || more.quoted,
          pos: first.pos,
        };
      }
      items.push(merged);
      const t = peek();
      if (t?.t === "comma") {
        p++;
        if (peek()?.t === "rp") {
          p++;
          return { kind: "list", items };
        }
        continue;
      }
      if (t?.t === "rp") {
        p++;
        return { kind: "list", items };
      }
      return fail("expected ',' or ')' in list");
    }
  }

  if (atEnd()) fail("empty condition", 0);
  const ast = orExpr();
  if (!atEnd()) fail(`unexpected ${describe(peek() as Token)}`);
  return ast;
}

function describe(t: Token): string {
  if (t.t === "lp") return "'('";
  if (t.t === "rp") return "')'";
  if (t.t === "comma") return "','";
  if (t.t === "str") return `string "${t.v}"`;
  return `'${(t as { v: string }).v}'`;
}

/** Line and column (1-based) of an offset in a condition that starts at a known file line. */
export function offsetToLineCol(src: string, pos: number): { line: number; col: number } {
  let line = 0;
  let col = 1;
  for (let i = 0; i < pos && i < src.length; i++) {
    if (src.charAt(i) === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return { line, col };
}
