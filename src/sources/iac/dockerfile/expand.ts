/**
 * Dockerfile variable substitution: `$NAME`, `${NAME}`, `${NAME:-default}`,
 * `${NAME:+alternative}` (and the forms without `:`), with the escapeChar
 * character before `$` keeping it literal. A name without a value is left as
 * written and reported, so callers can mark the result unknown.
 */
export type Vars = ReadonlyMap<string, string | undefined>;

export interface Expansion {
  value: string;
  /** Names referenced but without a value (an ARG with no default, or never declared). */
  unresolved: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function expand(text: string, vars: Vars, escapeChar = "\\"): Expansion {
  const unresolved: string[] = [];
  let out = "";
  let i = 0;
  const lookup = (name: string): string | undefined => vars.get(name);
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === escapeChar && text[i + 1] === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (ch !== "$") {
      out += ch;
      i++;
      continue;
    }
    if (text[i + 1] === "{") {
      const close = text.indexOf("}", i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const name = NAME.exec(body)?.[0];
      if (!name) {
        out += text.slice(i, close + 1);
      } else {
        const rest = body.slice(name.length);
        const value = lookup(name);
        const set = value !== undefined && value !== "";
        if (rest.startsWith(":-")) {
          out += set ? value : expand(rest.slice(2), vars, escapeChar).value;
        } else if (rest.startsWith("-")) {
          out += value !== undefined ? value : expand(rest.slice(1), vars, escapeChar).value;
        } else if (rest.startsWith(":+") || rest.startsWith("+")) {
          if (set) out += expand(rest.slice(rest.startsWith(":+") ? 2 : 1), vars, escapeChar).value;
        } else if (value !== undefined) {
          out += value;
        } else {
          unresolved.push(name);
          out += text.slice(i, close + 1);
        }
      }
      i = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      out += "$";
      i++;
      continue;
    }
    const value = lookup(name);
    if (value !== undefined) out += value;
    else {
      unresolved.push(name);
      out += `$${name}`;
    }
    i += 1 + name.length;
  }
  return { value: out, unresolved };
}
