import { compareApk } from "./apk.js";
import { compareComposer } from "./composer.js";
import { compareDpkg } from "./dpkg.js";
import { compareMaven } from "./maven.js";
import { compareNuget } from "./nuget.js";
import { compareCran, compareHackage } from "./numeric.js";
import { comparePep440 } from "./pep440.js";
import { comparePub } from "./pub.js";
import { compareRpm } from "./rpm.js";
import { compareRubygems } from "./rubygems.js";
import { compareSemver } from "./semver.js";
import type { Order } from "./util.js";

export type { Order } from "./util.js";
export {
  compareApk,
  compareComposer,
  compareCran,
  compareDpkg,
  compareHackage,
  compareMaven,
  compareNuget,
  comparePep440,
  comparePub,
  compareRpm,
  compareRubygems,
  compareSemver,
};

export type Comparator = (a: string, b: string) => Order;

/** The version scheme of an OSV ecosystem name ("Debian:12", "Alpine:v3.19", "npm", …). */
export type VersionScheme =
  | "dpkg"
  | "apk"
  | "rpm"
  | "semver"
  | "pep440"
  | "maven"
  | "rubygems"
  | "nuget"
  | "composer"
  | "cran"
  | "pub"
  | "hackage";

const COMPARATORS: Record<VersionScheme, Comparator> = {
  dpkg: compareDpkg,
  apk: compareApk,
  rpm: compareRpm,
  semver: compareSemver,
  pep440: comparePep440,
  maven: compareMaven,
  rubygems: compareRubygems,
  nuget: compareNuget,
  composer: compareComposer,
  cran: compareCran,
  pub: comparePub,
  hackage: compareHackage,
};

const BY_ECOSYSTEM: Record<string, VersionScheme> = {
  debian: "dpkg",
  ubuntu: "dpkg",
  alpine: "apk",
  wolfi: "apk",
  chainguard: "apk",
  "red hat": "rpm",
  redhat: "rpm",
  almalinux: "rpm",
  "rocky linux": "rpm",
  rocky: "rpm",
  opensuse: "rpm",
  suse: "rpm",
  mageia: "rpm",
  "oracle linux": "rpm",
  npm: "semver",
  go: "semver",
  "crates.io": "semver",
  hex: "semver",
  swifturl: "semver",
  pypi: "pep440",
  maven: "maven",
  rubygems: "rubygems",
  nuget: "nuget",
  packagist: "composer",
  cran: "cran",
  pub: "pub",
  hackage: "hackage",
};

/** "Debian:12" → dpkg; undefined for an ecosystem whose versions we cannot order. */
export function schemeOf(ecosystem: string): VersionScheme | undefined {
  const base = ecosystem.split(":")[0]?.trim().toLowerCase() ?? "";
  return BY_ECOSYSTEM[base];
}

export function comparatorFor(ecosystem: string): Comparator | undefined {
  const scheme = schemeOf(ecosystem);
  return scheme && COMPARATORS[scheme];
}

export function comparatorForScheme(scheme: VersionScheme): Comparator {
  return COMPARATORS[scheme];
}
