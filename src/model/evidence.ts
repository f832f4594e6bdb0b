/** Why a check decided what it did: the property it read, what it saw and what it wanted. */
export interface Evidence {
  /** Property path inside `Resource.properties` (model/path.ts); empty for the resource as a whole. */
  path: string;
  /** The value seen; `undefined` when the property is absent. */
  actual?: unknown;
  /** What the check expected, in words or as a value. */
  expected?: unknown;
}
