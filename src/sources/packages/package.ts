import type { Package } from "../../model/index.js";
import type { OsRelease } from "./os-release.js";
import { formatPurl, normalizePypiName } from "./purl.js";
import type { Found } from "./types.js";

const LANGUAGE_ECOSYSTEMS: Record<string, string> = {
  npm: "npm",
  pypi: "PyPI",
  golang: "Go",
  maven: "Maven",
  gem: "RubyGems",
  cargo: "crates.io",
  composer: "Packagist",
  nuget: "NuGet",
};

// rpm distributions as OSV names them; the value is [ecosystem prefix, whether the major release is appended].
const RPM_ECOSYSTEMS: Record<string, [string, boolean]> = {
  rhel: ["Red Hat", false],
  centos: ["Red Hat", false],
  rocky: ["Rocky Linux", true],
  almalinux: ["AlmaLinux", true],
  fedora: ["Fedora", true],
  ol: ["Oracle Linux", true],
  amzn: ["Amazon Linux", true],
  "opensuse-leap": ["openSUSE", false],
  "opensuse-tumbleweed": ["openSUSE", false],
  sles: ["SUSE", false],
  mariner: ["Mariner", true],
  azurelinux: ["Azure Linux", true],
};

// purl namespaces for rpm distributions (the purl spec's "vendor").
const RPM_NAMESPACES: Record<string, string> = {
  rhel: "redhat",
  centos: "centos",
  rocky: "rocky",
  almalinux: "almalinux",
  fedora: "fedora",
  ol: "oracle",
  amzn: "amazon",
  "opensuse-leap": "opensuse",
  "opensuse-tumbleweed": "opensuse",
  sles: "suse",
};

function major(versionId: string): string {
  return versionId.split(".")[0] ?? versionId;
}

/** The OSV ecosystem of a distro package: "Debian:12", "Ubuntu:22.04", "Alpine:v3.19", "Rocky Linux:9". */
export function osEcosystem(type: "deb" | "apk" | "rpm", os: OsRelease | undefined): string {
  if (type === "deb") {
    const name = os?.id === "ubuntu" ? "Ubuntu" : "Debian";
    if (!os?.versionId) return name;
    return `${name}:${os.id === "ubuntu" ? os.versionId : major(os.versionId)}`;
  }
  if (type === "apk") {
    if (!os?.versionId) return "Alpine";
    const [maj, min] = os.versionId.split(".");
    return min === undefined ? `Alpine:v${maj}` : `Alpine:v${maj}.${min}`;
  }
  const known = os ? RPM_ECOSYSTEMS[os.id] : undefined;
  if (!known) return "Red Hat";
  const [name, withRelease] = known;
  return withRelease && os?.versionId ? `${name}:${major(os.versionId)}` : name;
}

export interface Location {
  path: string;
  layerDigest?: string;
  os?: OsRelease;
}

/** Builds the final Package: purl (with distro qualifiers), OSV ecosystem and location. */
export function toPackage(found: Found, where: Location): Package {
  const { os } = where;
  let ecosystem: string;
  let namespace = found.namespace;
  let name = found.name;
  const qualifiers: Record<string, string | undefined> = {};
  let version = found.version;
  if (found.type === "deb" || found.type === "apk" || found.type === "rpm") {
    ecosystem = osEcosystem(found.type, os);
    if (found.type === "deb") namespace = os?.id === "ubuntu" ? "ubuntu" : (os?.id ?? "debian");
    else if (found.type === "apk") namespace = "alpine";
    else namespace = (os && RPM_NAMESPACES[os.id]) ?? os?.id ?? "redhat";
    qualifiers.arch = found.arch;
    if (found.epoch && found.epoch !== "0") qualifiers.epoch = found.epoch;
    if (os?.versionId) qualifiers.distro = `${os.id}-${os.versionId}`;
    if (found.sourceName && found.sourceName !== found.name) {
      qualifiers.upstream =
        found.sourceVersion && found.sourceVersion !== found.version
          ? `${found.sourceName}@${found.sourceVersion}`
          : found.sourceName;
    }
  } else {
    ecosystem = LANGUAGE_ECOSYSTEMS[found.type] ?? found.type;
    if (found.type === "pypi") name = normalizePypiName(name);
  }
  const pkg: Package = {
    purl: formatPurl({ type: found.type, namespace, name, version, qualifiers }),
    name: packageName(found),
    version,
    ecosystem,
    path: found.innerPath ? `${where.path}!/${found.innerPath}` : where.path,
  };
  if (found.type === "rpm" && found.epoch && found.epoch !== "0") {
    // OSV and the rpm advisories compare EVR; keep the epoch in the version the matcher sees.
    version = `${found.epoch}:${found.version}`;
    pkg.version = version;
  }
  if (where.layerDigest) pkg.layerDigest = where.layerDigest;
  if (found.sourceName) pkg.sourceName = found.sourceName;
  if (found.sourceVersion) pkg.sourceVersion = found.sourceVersion;
  if (os && (found.type === "deb" || found.type === "apk" || found.type === "rpm")) {
    pkg.distro = { id: os.id, versionId: os.versionId };
    if (os.codename) pkg.distro.codename = os.codename;
  }
  if (found.licenses && found.licenses.length > 0) pkg.licenses = found.licenses;
  return pkg;
}

/** The name advisories use: npm "@scope/name", Maven "group:artifact", Go and Composer full paths. */
function packageName(found: Found): string {
  if (!found.namespace) return found.name;
  if (found.type === "maven") return `${found.namespace}:${found.name}`;
  return `${found.namespace}/${found.name}`;
}
