/**
 * Ecosystem and package-name keys used to index advisories and to look
 * packages up, so "Ubuntu:22.04:LTS" (OSV) and "Ubuntu:22.04" (os-release)
 * meet, and PyPI names are compared in their PEP 503 form.
 */
const KEYS = new Map<string, string>();

export function ecosystemKey(ecosystem: string): string {
  let key = KEYS.get(ecosystem);
  if (key === undefined) {
    key = computeEcosystemKey(ecosystem);
    if (KEYS.size < 10_000) KEYS.set(ecosystem, key);
  }
  return key;
}

function computeEcosystemKey(ecosystem: string): string {
  const parts = ecosystem.split(":").map((p) => p.trim());
  const base = (parts[0] ?? "").toLowerCase();
  switch (base) {
    case "debian":
      // Debian:12 and Debian:12.4 are the same release for advisories.
      return parts[1] ? `debian:${parts[1].split(".")[0]}` : "debian";
    case "ubuntu": {
      const rest = parts.slice(1).filter((p) => p.toLowerCase() !== "lts");
      return ["ubuntu", ...rest.map((p) => p.toLowerCase())].join(":");
    }
    case "alpine":
    case "wolfi":
    case "chainguard": {
      const release = parts[1]?.replace(/^v/i, "");
      const [major, minor] = release?.split(".") ?? [];
      return release ? `${base}:v${major}${minor !== undefined ? `.${minor}` : ""}` : base;
    }
    case "almalinux":
    case "rocky linux":
    case "oracle linux":
      return parts[1] ? `${base}:${parts[1].split(".")[0]}` : base;
    case "red hat": {
      const release = /enterprise_linux:(\d+)/.exec(ecosystem)?.[1] ?? parts[1]?.split(".")[0];
      return release ? `red hat:${release}` : base;
    }
    default:
      return parts.length > 1 ? `${base}:${parts.slice(1).join(":").toLowerCase()}` : base;
  }
}

/** True for ecosystems whose advisories speak of distro source packages. */
export function isDistroEcosystem(ecosystem: string): boolean {
  const base = ecosystem.split(":")[0]?.trim().toLowerCase() ?? "";
  return [
    "debian",
    "ubuntu",
    "alpine",
    "wolfi",
    "chainguard",
    "almalinux",
    "rocky linux",
    "red hat",
    "oracle linux",
  ].includes(base);
}

export function packageKey(ecosystem: string, name: string): string {
  const base = ecosystem.split(":")[0]?.trim().toLowerCase();
  if (base === "pypi") return name.toLowerCase().replace(/[-_.]+/g, "-");
  if (
    base === "npm" ||
    base === "packagist" ||
    base === "nuget" ||
    base === "rubygems" ||
    base === "crates.io"
  )
    return name.toLowerCase();
  return name;
}
