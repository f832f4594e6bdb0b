import { PackageURL } from "packageurl-js";
import type { Package } from "../../model/index.js";
import { DEBIAN_RELEASES } from "../convert/debian-tracker.js";
import { VulnInputError } from "../errors.js";

const LANGUAGE: Record<string, string> = {
  npm: "npm",
  pypi: "PyPI",
  golang: "Go",
  maven: "Maven",
  gem: "RubyGems",
  cargo: "crates.io",
  composer: "Packagist",
  nuget: "NuGet",
  pub: "Pub",
  hex: "Hex",
  cran: "CRAN",
  hackage: "Hackage",
  swift: "SwiftURL",
};

const RPM_VENDORS: Record<string, [string, boolean]> = {
  redhat: ["Red Hat", false],
  centos: ["Red Hat", false],
  rocky: ["Rocky Linux", true],
  almalinux: ["AlmaLinux", true],
  oracle: ["Oracle Linux", true],
  fedora: ["Fedora", true],
  amazon: ["Amazon Linux", true],
  opensuse: ["openSUSE", false],
  suse: ["SUSE", false],
};

export interface PurlExtras {
  sourceName?: string;
  sourceVersion?: string;
  ecosystem?: string;
}

/**
 * A purl as a Package (ecosystem as OSV names it). For distro packages the
 * release comes from the `distro` qualifier (debian-12, bookworm,
 * ubuntu-22.04, 3.19.1, rhel-9.3) and the source package from the
 * `upstream` qualifier (name or name@version) unless `extras` gives it.
 */
export function packageFromPurl(purl: string, path: string, extras: PurlExtras = {}): Package {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(purl);
  } catch (error) {
    throw new VulnInputError(`${path}: invalid purl ${JSON.stringify(purl)} (${(error as Error).message})`);
  }
  const q = (parsed.qualifiers ?? {}) as Record<string, string>;
  const ns = parsed.namespace ?? undefined;
  let name = parsed.name;
  let version = parsed.version ?? "";
  let ecosystem = extras.ecosystem ?? "";
  const pkg: Partial<Package> = {};
  switch (parsed.type) {
    case "deb": {
      const vendor = (ns ?? "debian").toLowerCase();
      const distro = q.distro ?? "";
      const release = /^(?:debian|ubuntu)-(.+)$/.exec(distro)?.[1] ?? DEBIAN_RELEASES[distro] ?? "";
      const base = vendor === "ubuntu" ? "Ubuntu" : "Debian";
      ecosystem ||= release ? `${base}:${base === "Debian" ? release.split(".")[0] : release}` : base;
      if (release) pkg.distro = { id: vendor, versionId: release };
      break;
    }
    case "apk": {
      const release = q.distro?.replace(/^alpine-/, "").replace(/^v/, "");
      const [maj, min] = release?.split(".") ?? [];
      const base = (ns ?? "alpine").toLowerCase() === "wolfi" ? "Wolfi" : "Alpine";
      ecosystem ||= base === "Alpine" && maj && min !== undefined ? `Alpine:v${maj}.${min}` : base;
      if (release) pkg.distro = { id: ns ?? "alpine", versionId: release };
      break;
    }
    case "rpm": {
      const [base, withRelease] = RPM_VENDORS[(ns ?? "").toLowerCase()] ?? ["Red Hat", false];
      const release = /-(\d+(?:\.\d+)*)$/.exec(q.distro ?? "")?.[1];
      ecosystem ||= withRelease && release ? `${base}:${release.split(".")[0]}` : base;
      if (release) pkg.distro = { id: (q.distro ?? "").replace(/-[\d.]+$/, ""), versionId: release };
      if (q.epoch && q.epoch !== "0") version = `${q.epoch}:${version}`;
      break;
    }
    case "maven":
      name = ns ? `${ns}:${parsed.name}` : parsed.name;
      ecosystem ||= "Maven";
      break;
    case "golang":
    case "composer":
    case "swift":
      name = ns ? `${ns}/${parsed.name}` : parsed.name;
      ecosystem ||= LANGUAGE[parsed.type] as string;
      break;
    case "npm":
      name = ns ? `${ns}/${parsed.name}` : parsed.name;
      ecosystem ||= "npm";
      break;
    default:
      ecosystem ||= LANGUAGE[parsed.type] ?? parsed.type;
  }
  const upstream = q.upstream;
  if (extras.sourceName) pkg.sourceName = extras.sourceName;
  else if (upstream) pkg.sourceName = upstream.split("@")[0];
  if (extras.sourceVersion) pkg.sourceVersion = extras.sourceVersion;
  else if (upstream?.includes("@")) pkg.sourceVersion = upstream.split("@")[1];
  return { ...pkg, purl, name, version, ecosystem, path };
}
