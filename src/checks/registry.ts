import { isSeverity } from "../model/index.js";
import type { Check } from "./check.js";

export class CheckRegistryError extends Error {
  override name = "CheckRegistryError";
}

/** The set of checks a scan runs, indexed by the resource types they read. */
export class CheckRegistry {
  readonly #byId = new Map<string, Check>();
  readonly #byType = new Map<string, Check[]>();

  constructor(checks: Iterable<Check> = []) {
    for (const check of checks) this.add(check);
  }

  /** Adds a check; a second check with the same id is a programming or configuration error. */
  add(check: Check): void {
    const problems = metadataProblems(check);
    if (problems.length > 0)
      throw new CheckRegistryError(`check ${check.id || "(no id)"}: ${problems.join("; ")}`);
    if (this.#byId.has(check.id)) throw new CheckRegistryError(`duplicate check id: ${check.id}`);
    this.#byId.set(check.id, check);
    for (const type of check.resourceTypes) {
      const list = this.#byType.get(type) ?? [];
      list.push(check);
      this.#byType.set(type, list);
    }
  }

  get(id: string): Check | undefined {
    return this.#byId.get(id);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  forType(type: string): readonly Check[] {
    return this.#byType.get(type) ?? [];
  }

  all(): Check[] {
    return [...this.#byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get size(): number {
    return this.#byId.size;
  }

  /** A registry holding only the checks `keep` accepts. */
  filter(keep: (check: Check) => boolean): CheckRegistry {
    return new CheckRegistry(this.all().filter(keep));
  }
}

const ID_PATTERN = /^[a-z0-9]+(\.[a-z0-9-]+)+$/;
const TYPE_PATTERN = /^[a-z0-9]+(\.[a-z0-9-]+)+$/;

/** Problems with a check's metadata, in words; empty when it is valid. */
export function metadataProblems(check: Check): string[] {
  const problems: string[] = [];
  if (!ID_PATTERN.test(check.id))
    problems.push("id must be dotted lower-case words, e.g. aws.s3.block-public-access");
  if (!check.title?.trim()) problems.push("title is empty");
  if (!check.description?.trim()) problems.push("description is empty");
  if (!check.remediation?.trim()) problems.push("remediation is empty");
  if (!isSeverity(check.severity))
    problems.push(`severity ${String(check.severity)} is not one of critical, high, medium, low, info`);
  if (!Array.isArray(check.resourceTypes) || check.resourceTypes.length === 0)
    problems.push("resourceTypes is empty");
  else
    for (const type of check.resourceTypes) {
      if (!TYPE_PATTERN.test(type)) problems.push(`resource type ${type} is not a canonical type id`);
    }
  if (typeof check.evaluate !== "function") problems.push("evaluate is not a function");
  return problems;
}
