/**
 * Applies a variable's type constraint to its value where it changes what
 * the module sees: `optional(type, default)` attributes of object types get
 * their defaults (modules rely on them), recursively through map, list, set
 * and object types. Other conversions are left to the operators, which
 * already accept "true"/"12" where a bool/number is needed.
 */
import { isUnknown } from "../../../../model/index.js";
import type { Expr } from "../hcl/ast.js";
import { isObject, type Value } from "./values.js";

function attributeName(key: Expr): string | undefined {
  if (key.kind === "variable") return key.name;
  if (key.kind === "template" && key.parts.length === 1 && key.parts[0]?.kind === "text")
    return key.parts[0].text;
  if (key.kind === "literal" && typeof key.value === "string") return key.value;
  return undefined;
}

export function applyTypeDefaults(
  value: Value,
  type: Expr | undefined,
  evaluateDefault: (expr: Expr) => Value,
  depth = 0,
): Value {
  if (type?.kind !== "call" || depth > 32 || value === null || value === undefined || isUnknown(value))
    return value;
  const inner = type.args[0];
  switch (type.name) {
    case "map":
      if (!isObject(value)) return value;
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, applyTypeDefaults(v, inner, evaluateDefault, depth + 1)]),
      );
    case "list":
    case "set":
      return Array.isArray(value)
        ? value.map((v) => applyTypeDefaults(v, inner, evaluateDefault, depth + 1))
        : value;
    case "object": {
      if (!isObject(value) || inner?.kind !== "object") return value;
      const out: Record<string, Value> = { ...value };
      for (const item of inner.items) {
        const name = attributeName(item.key);
        if (name === undefined) continue;
        let attrType: Expr | undefined = item.value;
        if (attrType.kind === "call" && attrType.name === "optional") {
          const fallback = attrType.args[1];
          if (out[name] === undefined || out[name] === null)
            out[name] = fallback ? evaluateDefault(fallback) : null;
          attrType = attrType.args[0];
        }
        out[name] = applyTypeDefaults(out[name], attrType, evaluateDefault, depth + 1);
      }
      return out;
    }
    default:
      return value;
  }
}
