/**
 * Values of a root module's input variables, in Terraform's order of
 * precedence: defaults (applied by the module), terraform.tfvars(.json),
 * *.auto.tfvars(.json) in name order, --var-file in order, --var in order.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ScanError } from "../../../model/index.js";
import { evaluate, Scope } from "./eval/expr.js";
import { TfEvalError, type Value } from "./eval/values.js";
import type { Expr } from "./hcl/ast.js";
import { HclSyntaxError } from "./hcl/ast.js";
import { parseHcl, parseHclExpression } from "./hcl/parser.js";

/** A scope for values that may not refer to anything (tfvars, defaults). */
export function constantScope(): Scope {
  const refuse = (what: string) => () => {
    throw new TfEvalError(`${what} cannot be used in a variable value`);
  };
  return new Scope({
    root: (name) => {
      throw new TfEvalError(`"${name}" cannot be used in a variable value`);
    },
    readFile: refuse("file functions"),
    fileExists: refuse("file functions"),
    renderTemplate: refuse("templatefile()"),
    listFiles: refuse("fileset()"),
  });
}

function readVarFile(
  path: string,
  display: string,
  maxBytes: number,
  errors: ScanError[],
): Record<string, Value> {
  try {
    if (statSync(path).size > maxBytes) {
      errors.push({ source: display, message: `larger than ${maxBytes} bytes; not read` });
      return {};
    }
    const text = readFileSync(path, "utf8");
    if (path.endsWith(".json")) {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        errors.push({ source: display, message: "a .tfvars.json file must hold a JSON object" });
        return {};
      }
      return parsed as Record<string, Value>;
    }
    const body = parseHcl(text);
    const out: Record<string, Value> = {};
    for (const attr of body.attributes) {
      try {
        out[attr.name] = evaluate(attr.expr, constantScope());
      } catch (error) {
        if (!(error instanceof TfEvalError)) throw error;
        errors.push({
          source: display,
          message: error.message,
          line: error.line ?? attr.line,
          column: error.column ?? attr.column,
        });
      }
    }
    for (const block of body.blocks)
      errors.push({
        source: display,
        message: `unexpected block "${block.type}" in a variables file`,
        line: block.line,
        column: block.column,
      });
    return out;
  } catch (error) {
    if (error instanceof HclSyntaxError)
      errors.push({ source: display, message: error.message, line: error.line, column: error.column });
    else errors.push({ source: display, message: `cannot read variables file: ${(error as Error).message}` });
    return {};
  }
}

/** The type constraint's outer name: string, number, bool, list, map, object, any, … */
export function typeConstraintName(expr: Expr | undefined): string {
  if (!expr) return "any";
  if (expr.kind === "variable") return expr.name;
  if (expr.kind === "call") return expr.name;
  return "any";
}

/** Converts a `--var name=value` string as Terraform does for the variable's declared type. */
export function convertCliVar(text: string, typeName: string, name: string, errors: ScanError[]): Value {
  if (typeName === "string" || typeName === "any") return text;
  if (typeName === "number") {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n)) {
      errors.push({ source: `--var ${name}`, message: `${JSON.stringify(text)} is not a number` });
      return text;
    }
    return n;
  }
  if (typeName === "bool") {
    if (text === "true" || text === "false") return text === "true";
    errors.push({ source: `--var ${name}`, message: `${JSON.stringify(text)} is not true or false` });
    return text;
  }
  try {
    return evaluate(parseHclExpression(text), constantScope());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    errors.push({ source: `--var ${name}`, message: `cannot parse the value: ${message}` });
    return text;
  }
}

export interface RootVariableOptions {
  varFiles?: string[];
  vars?: Record<string, string>;
  maxFileBytes: number;
  displayPath(file: string): string;
  /** Declared type name of each variable of the root module. */
  declaredTypes: Map<string, string>;
}

export function rootVariables(
  dir: string,
  options: RootVariableOptions,
  errors: ScanError[],
): Record<string, Value> {
  const values: Record<string, Value> = {};
  const files: string[] = [];
  for (const name of ["terraform.tfvars", "terraform.tfvars.json"])
    if (existsSync(join(dir, name))) files.push(join(dir, name));
  try {
    for (const name of readdirSync(dir).sort())
      if (name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json")) files.push(join(dir, name));
  } catch {
    // The folder was already read to find the .tf files; a race here only loses auto tfvars.
  }
  files.push(...(options.varFiles ?? []));
  for (const file of files)
    Object.assign(values, readVarFile(file, options.displayPath(file), options.maxFileBytes, errors));
  for (const [name, text] of Object.entries(options.vars ?? {}))
    values[name] = convertCliVar(text, options.declaredTypes.get(name) ?? "string", name, errors);
  return values;
}
