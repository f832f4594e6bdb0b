#!/usr/bin/env bash
# Builds the two layer trees of the benchmark image without docker:
#   OUT/rootfs  Debian 12 (bookworm) minbase from Debian's archive (debootstrap, needs root)
#   OUT/app     an npm project with a few old package versions (lodash 4.17.15 …)
# bench/image/pack-docker-archive.ts then packs them as a docker-archive.
# Usage: bench/image/build-debian-rootfs.sh OUT [MIRROR]
set -euo pipefail
out=${1:?usage: build-debian-rootfs.sh OUT [MIRROR]}
mirror=${2:-http://deb.debian.org/debian}
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 2; }
mkdir -p "$out"
if [ ! -f "$out/rootfs/etc/os-release" ]; then
  rm -rf "$out/rootfs"
  debootstrap --variant=minbase bookworm "$out/rootfs" "$mirror"
  # The apt lists and .deb cache are left on purpose: the image checks should see them.
fi
if [ ! -f "$out/app/package-lock.json" ]; then
  rm -rf "$out/app" && mkdir -p "$out/app"
  cat > "$out/app/package.json" <<'JSON'
{ "name": "bench-app", "version": "1.0.0", "private": true,
  "dependencies": { "lodash": "4.17.15", "minimist": "1.2.0", "express": "4.17.1", "axios": "0.21.0", "moment": "2.29.1" } }
JSON
  (cd "$out/app" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
echo "rootfs: $(du -sh "$out/rootfs" | cut -f1), app: $(du -sh "$out/app" | cut -f1)"
