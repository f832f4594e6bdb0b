import { compareDigits, compareStrings, isDigit, type Order } from "./util.js";

/**
 * Maven versions with the semantics of Maven's ComparableVersion (the
 * "version order specification" of the POM reference): the version is split
 * at `.`, `-` and digit/letter transitions into numbers, qualifiers and
 * sub-lists (a `-` or a transition opens a sub-list); trailing "null" items
 * (0, "", "final", "ga", "release") are dropped; known qualifiers order
 * alpha < beta < milestone < rc = cr < snapshot < "" (release) < sp, and
 * unknown qualifiers sort after them, alphabetically.
 */
type Item =
  | { kind: "int"; value: string }
  | { kind: "string"; value: string }
  | { kind: "list"; items: Item[] };

const QUALIFIERS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const ALIASES: Record<string, string> = { ga: "", final: "", release: "", cr: "rc" };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(""));

function stringItem(value: string, followedByDigit: boolean): Item {
  let v = value;
  if (followedByDigit && v.length === 1) v = { a: "alpha", b: "beta", m: "milestone" }[v] ?? v;
  return { kind: "string", value: ALIASES[v] ?? v };
}

function comparableQualifier(q: string): string {
  const index = QUALIFIERS.indexOf(q);
  return index >= 0 ? String(index) : `${QUALIFIERS.length}-${q}`;
}

function intItem(digits: string): Item {
  return { kind: "int", value: digits.replace(/^0+/, "") || "0" };
}

function isNull(item: Item): boolean {
  if (item.kind === "int") return item.value === "0";
  if (item.kind === "string") return comparableQualifier(item.value) === RELEASE_INDEX;
  return item.items.length === 0;
}

function normalize(list: Item[], isRoot: boolean): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i] as Item;
    if (isNull(item)) list.splice(i, 1);
    else if (item.kind !== "list") break;
  }
  // "1-ga-1" is "1-1": a sub-list that starts with a sub-list once its null qualifier is gone is that sub-list.
  const first = list[0];
  if (first?.kind === "list" && !isRoot) list.splice(0, 1, ...first.items);
}

export function parseMaven(version: string): Item {
  const text = version.trim().toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let isDigitRun = false;
  let start = 0;
  const openSublist = () => {
    const sub: Item[] = [];
    list.push({ kind: "list", items: sub });
    list = sub;
    stack.push(sub);
  };
  const parseItem = (digit: boolean, buf: string, followedByDigit: boolean) =>
    digit ? intItem(buf) : stringItem(buf, followedByDigit);
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === ".") {
      list.push(i === start ? intItem("0") : parseItem(isDigitRun, text.slice(start, i), false));
      start = i + 1;
    } else if (c === "-") {
      list.push(i === start ? intItem("0") : parseItem(isDigitRun, text.slice(start, i), false));
      start = i + 1;
      openSublist();
    } else if (isDigit(c)) {
      if (!isDigitRun && i > start) {
        list.push(stringItem(text.slice(start, i), true));
        start = i;
        openSublist();
      }
      isDigitRun = true;
    } else {
      if (isDigitRun && i > start) {
        list.push(intItem(text.slice(start, i)));
        start = i;
        openSublist();
      }
      isDigitRun = false;
    }
  }
  if (text.length > start) list.push(parseItem(isDigitRun, text.slice(start), false));
  while (stack.length > 0) {
    const next = stack.pop() as Item[];
    normalize(next, next === root);
  }
  return { kind: "list", items: root };
}

/** Compares `a` to `b`; `b` undefined stands for a missing item (padding). */
function compareItem(a: Item, b: Item | undefined): Order {
  if (a.kind === "int") {
    if (!b) return a.value === "0" ? 0 : 1;
    if (b.kind === "int") return compareDigits(a.value, b.value);
    return 1;
  }
  if (a.kind === "string") {
    if (!b) return compareStrings(comparableQualifier(a.value), RELEASE_INDEX);
    if (b.kind === "int") return -1;
    if (b.kind === "string")
      return compareStrings(comparableQualifier(a.value), comparableQualifier(b.value));
    return -1;
  }
  if (!b) {
    const first = a.items[0];
    return first ? compareItem(first, undefined) : 0;
  }
  if (b.kind === "int") return -1;
  if (b.kind === "string") return 1;
  for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
    const l = a.items[i];
    const r = b.items[i];
    const order = l ? compareItem(l, r) : r ? ((-compareItem(r, undefined) || 0) as Order) : 0;
    if (order !== 0) return order;
  }
  return 0;
}

export function compareMaven(a: string, b: string): Order {
  return compareItem(parseMaven(a), parseMaven(b));
}
