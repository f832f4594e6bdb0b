/** What `/etc/os-release` (or `/usr/lib/os-release`) says about the distribution. */
export interface OsRelease {
  /** `ID`, lower case: debian, ubuntu, alpine, rhel, rocky, almalinux, centos, fedora, opensuse-leap, … */
  id: string;
  /** `VERSION_ID`: "12", "22.04", "3.19.1", "9.3". Empty for rolling releases (Debian sid). */
  versionId: string;
  codename?: string;
  prettyName?: string;
  idLike?: string[];
}

/** Parses the os-release format (shell-style KEY=value lines, optionally quoted). */
export function parseOsRelease(text: string): OsRelease | undefined {
  const values = new Map<string, string>();
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\(["\\$`])/g, "$1");
    }
    values.set(line.slice(0, eq), value);
  }
  const id = values.get("ID")?.toLowerCase();
  if (!id) return undefined;
  const release: OsRelease = { id, versionId: values.get("VERSION_ID") ?? "" };
  const codename = values.get("VERSION_CODENAME") ?? values.get("UBUNTU_CODENAME");
  if (codename) release.codename = codename;
  const pretty = values.get("PRETTY_NAME");
  if (pretty) release.prettyName = pretty;
  const idLike = values.get("ID_LIKE");
  if (idLike) release.idLike = idLike.split(/\s+/).filter(Boolean);
  return release;
}

/** Debian's `/etc/debian_version` when os-release lacks VERSION_ID (testing/sid, old images). */
export function debianVersionFromFile(text: string): string | undefined {
  const m = /^(\d+)(?:\.\d+)*\s*$/.exec(text.trim());
  return m?.[1];
}

/** Alpine's `/etc/alpine-release`: "3.19.1". */
export function alpineRelease(text: string): OsRelease | undefined {
  const v = text.trim();
  return /^\d+\.\d+/.test(v) ? { id: "alpine", versionId: v } : undefined;
}
