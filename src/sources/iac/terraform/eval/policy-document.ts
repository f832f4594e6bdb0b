/**
 * The `json` attribute of the `aws_iam_policy_document` data source, built
 * from its statement blocks so bucket and key policies written that way can
 * be checked. Anything unknown inside makes the whole document unknown.
 */
import { unknown } from "../../../../model/index.js";
import { deepUnknown, isObject, type Value } from "./values.js";

type Obj = Record<string, Value>;

function list(value: Value): Value[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function oneOrMany(values: Value[]): Value {
  return values.length === 1 ? values[0] : values;
}

function principals(blocks: Value): Value {
  const out: Obj = {};
  for (const block of list(blocks)) {
    if (!isObject(block)) continue;
    const type = String(block.type);
    const ids = list(block.identifiers);
    if (type === "*") return "*";
    const existing = out[type] === undefined ? [] : list(out[type]);
    out[type] = oneOrMany([...existing, ...ids]);
  }
  return out;
}

export function renderPolicyDocument(values: Obj): Value {
  const u =
    deepUnknown(values.statement) ??
    deepUnknown(values.source_policy_documents) ??
    deepUnknown(values.override_policy_documents);
  if (u) return unknown(`the policy document holds an unknown value (${u.reason ?? "unknown"})`);
  if (list(values.source_policy_documents).length > 0 || list(values.override_policy_documents).length > 0)
    return unknown("policy documents merged from source/override documents are not rendered");
  const statements = list(values.statement)
    .filter(isObject)
    .map((s) => {
      const out: Obj = {};
      if (typeof s.sid === "string" && s.sid !== "") out.Sid = s.sid;
      out.Effect = typeof s.effect === "string" ? s.effect : "Allow";
      for (const [from, to] of [
        ["actions", "Action"],
        ["not_actions", "NotAction"],
        ["resources", "Resource"],
        ["not_resources", "NotResource"],
      ] as const) {
        const items = list(s[from]);
        if (items.length > 0) out[to] = oneOrMany(items);
      }
      if (list(s.principals).length > 0) out.Principal = principals(s.principals);
      if (list(s.not_principals).length > 0) out.NotPrincipal = principals(s.not_principals);
      const conditions = list(s.condition).filter(isObject);
      if (conditions.length > 0) {
        const cond: Record<string, Obj> = {};
        for (const c of conditions) {
          const test = String(c.test);
          const entry = cond[test] ?? {};
          cond[test] = entry;
          entry[String(c.variable)] = oneOrMany(list(c.values));
        }
        out.Condition = cond;
      }
      return out;
    });
  const doc: Obj = { Version: typeof values.version === "string" ? values.version : "2012-10-17" };
  if (typeof values.policy_id === "string") doc.Id = values.policy_id;
  doc.Statement = statements;
  return JSON.stringify(doc);
}
