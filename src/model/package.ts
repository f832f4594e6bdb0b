/**
 * A software package found in an image, a filesystem or an SBOM. Extractors
 * (src/sources/packages) produce these; the matcher (src/vuln) reads only
 * these, so an SBOM and an image give the same findings.
 */
export interface Package {
  /** Package URL (purl), e.g. pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12 */
  purl: string;
  name: string;
  version: string;
  /**
   * OSV ecosystem name: "Debian:12", "Alpine:v3.19", "Ubuntu:22.04", "Red Hat", "npm",
   * "PyPI", "Go", "Maven", "RubyGems", "crates.io", "Packagist", "NuGet".
   */
  ecosystem: string;
  /** Distro packages: the source package that advisories name (dpkg Source:, rpm SOURCERPM, apk origin). */
  sourceName?: string;
  sourceVersion?: string;
  /** Distro packages: the release, from os-release (e.g. debian 12, alpine 3.19). */
  distro?: { id: string; versionId: string; codename?: string };
  /** Where it was found: a path inside the image/filesystem, or the SBOM file. */
  path: string;
  /** The image layer that last wrote `path`. */
  layerDigest?: string;
  licenses?: string[];
}
