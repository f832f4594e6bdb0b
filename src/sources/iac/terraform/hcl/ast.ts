/**
 * The syntax tree of HCL native syntax. Every node carries its 1-based start
 * and end line and column so evaluation can give file:line for any attribute.
 */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

export interface Attribute extends Span {
  name: string;
  expr: Expr;
}

export interface Block extends Span {
  type: string;
  labels: string[];
  body: Body;
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | CallExpr
  | TupleExpr
  | ObjectExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ForExpr
  | ParenExpr;

export interface LiteralExpr extends Span {
  kind: "literal";
  value: string | number | boolean | null;
}

/** A quoted string or heredoc; a lone `${x}` template yields x's value unconverted. */
export interface TemplateExpr extends Span {
  kind: "template";
  parts: TemplatePart[];
}

export type TemplatePart =
  | { kind: "text"; text: string }
  | { kind: "interp"; expr: Expr }
  | { kind: "if"; cond: Expr; whenTrue: TemplatePart[]; whenFalse: TemplatePart[] }
  | { kind: "for"; keyVar?: string; valueVar: string; collection: Expr; body: TemplatePart[] };

export interface VariableExpr extends Span {
  kind: "variable";
  name: string;
}

export interface GetAttrExpr extends Span {
  kind: "getattr";
  object: Expr;
  name: string;
}

export interface IndexExpr extends Span {
  kind: "index";
  object: Expr;
  key: Expr;
}

/** `source[*].rest` or `source.*.rest`: `each` is applied to every element, with SplatItem standing for it. */
export interface SplatExpr extends Span {
  kind: "splat";
  source: Expr;
  each: Expr;
}

export interface SplatItemExpr extends Span {
  kind: "splat-item";
}

export interface CallExpr extends Span {
  kind: "call";
  name: string;
  args: Expr[];
  /** `f(list...)`: the last argument is expanded. */
  expandFinal: boolean;
}

export interface TupleExpr extends Span {
  kind: "tuple";
  items: Expr[];
}

export interface ObjectExpr extends Span {
  kind: "object";
  items: { key: Expr; value: Expr }[];
}

export interface ConditionalExpr extends Span {
  kind: "conditional";
  cond: Expr;
  then: Expr;
  else: Expr;
}

export type BinaryOp = "||" | "&&" | "==" | "!=" | "<" | ">" | "<=" | ">=" | "+" | "-" | "*" | "/" | "%";

export interface BinaryExpr extends Span {
  kind: "binary";
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export interface UnaryExpr extends Span {
  kind: "unary";
  op: "!" | "-";
  operand: Expr;
}

export interface ForExpr extends Span {
  kind: "for";
  keyVar?: string;
  valueVar: string;
  collection: Expr;
  /** Present for `{for ...: k => v}`. */
  keyExpr?: Expr;
  valueExpr: Expr;
  cond?: Expr;
  /** `v...` in an object for: values with the same key are grouped in lists. */
  grouping: boolean;
}

export interface ParenExpr extends Span {
  kind: "paren";
  expr: Expr;
}

/** A parse error with its position; the parser stops at the first one. */
export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "HclSyntaxError";
  }
}
