import { parseDocument } from "yaml";
import { firstAliasOffset } from "../../../../util/yaml.js";
import { TfEvalError, type Value } from "./values.js";

/** yamldecode(): one YAML document to plain values; aliases are refused (no alias bombs). */
export function parseYamlValue(text: string): Value {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new TfEvalError(`yamldecode: ${doc.errors[0]?.message ?? "invalid YAML"}`);
  if (firstAliasOffset(doc) !== undefined) throw new TfEvalError("yamldecode: YAML aliases are not accepted");
  return doc.toJS({ maxAliasCount: 0 }) as Value;
}
