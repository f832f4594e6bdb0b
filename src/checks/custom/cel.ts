import { type CelEnv, celEnv, isCelError, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import type { Expr } from "@bufbuild/cel-spec/cel/expr/syntax_pb.js";
import { containsUnknown, getPath, type PathSegment, type Resource } from "../../model/index.js";

/** A compiled CEL predicate over one canonical resource, bound as `resource`. */
export interface CelPredicate {
  /** Paths below `resource` that the expression reads, e.g. ["properties","versioning","status"]. */
  readonly paths: PathSegment[][];
  evaluate(resource: Resource): { value: boolean } | { error: string };
}

export class CelSyntaxError extends Error {
  override name = "CelSyntaxError";
  constructor(
    message: string,
    /** 1-based line and column inside the expression text. */
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

let env: CelEnv | undefined;

/** Compiles `expression`; a syntax error throws CelSyntaxError with its position. */
export function compileCel(expression: string): CelPredicate {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(expression);
  } catch (error) {
    const e = error as {
      rawMessage?: string;
      message?: string;
      location?: { start?: { line: number; column: number } };
    };
    throw new CelSyntaxError(
      e.rawMessage ?? e.message ?? "syntax error",
      e.location?.start?.line ?? 1,
      e.location?.start?.column ?? 1,
    );
  }
  env ??= celEnv({ funcs: strings });
  const run = plan(env, parsed);
  return {
    paths: referencedPaths(parsed.expr),
    evaluate(resource) {
      const value = run({ resource: toCelInput(resource) } as never);
      if (isCelError(value)) return { error: value.message };
      if (typeof value !== "boolean") return { error: `expression must give a bool, gave ${typeof value}` };
      return { value };
    },
  };
}

/** True when a value the expression reads is, or holds, an unknown: the result then decides nothing. */
export function readsUnknown(predicate: CelPredicate, resource: Resource): PathSegment[] | undefined {
  return predicate.paths.find((path) => containsUnknown(getPath(resource, path)));
}

/**
 * Collects `resource.a.b` select chains and constant-index accesses
 * (`resource.tags["k"]`) from the AST. A chain is recorded at its longest.
 */
function referencedPaths(root: Expr): PathSegment[][] {
  const paths: PathSegment[][] = [];
  const chain = (expr: Expr | undefined): PathSegment[] | undefined => {
    const kind = expr?.exprKind;
    if (kind?.case === "identExpr") return kind.value.name === "resource" ? [] : undefined;
    if (kind?.case === "selectExpr") {
      const base = chain(kind.value.operand);
      return base && [...base, kind.value.field];
    }
    if (kind?.case === "callExpr" && kind.value.function === "_[_]") {
      const base = chain(kind.value.args[0]);
      const index = kind.value.args[1]?.exprKind;
      if (!base || index?.case !== "constExpr") return undefined;
      const constant = index.value.constantKind;
      if (constant.case === "stringValue") return [...base, constant.value];
      if (constant.case === "int64Value" || constant.case === "uint64Value")
        return [...base, Number(constant.value)];
    }
    return undefined;
  };
  const visit = (value: unknown, parentIsChain: boolean): void => {
    if (typeof value !== "object" || value === null) return;
    const expr = value as Expr;
    let isChain = false;
    if (expr.$typeName === "cel.expr.Expr") {
      const path = chain(expr);
      isChain = path !== undefined;
      if (path && path.length > 0 && !parentIsChain) paths.push(path);
    }
    for (const child of Object.values(value)) visit(child, isChain);
  };
  visit(root, false);
  return paths;
}

/** Plain JSON for CEL: integers become CEL ints so `port == 22` compares as users expect. */
function toCelInput(value: unknown): unknown {
  if (typeof value === "number") return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCelInput);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCelInput(v)]));
  }
  return value;
}
