/** Bad flags, arguments or input files: exit 2 with a one-line message. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;
