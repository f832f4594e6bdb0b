import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { packDockerArchive } from "../image/pack-docker-archive.js";
import type { BenchCommand, RunInfo } from "../lib/scenario.js";

export const name = "image-scan";
export const description =
  "reading a real Debian 12 image (debootstrap minbase + an npm app with lodash 4.17.15 …, two gzip layers, " +
  "docker-archive) and extracting its packages, against the floor: tar -x with gunzip of the same layers";

/**
 * The Debian root filesystem and the npm app are built once (debootstrap needs root and Debian's
 * archive; npm the registry) into a cache folder, then packed into each run's work folder.
 * MAMORI_BENCH_IMAGE=path uses a ready docker-archive instead.
 */
const CACHE = process.env.MAMORI_BENCH_CACHE ?? join(homedir(), ".cache", "mamori-bench", "debian-12-npm");

export async function prepare(workDir: string): Promise<void> {
  const image = join(workDir, "image.tar");
  const ready = process.env.MAMORI_BENCH_IMAGE;
  if (ready) {
    await copyFile(ready, image);
    return;
  }
  await mkdir(CACHE, { recursive: true });
  const built = spawnSync("bash", [join("bench", "image", "build-debian-rootfs.sh"), CACHE], {
    stdio: "inherit",
  });
  if (built.status !== 0) throw new Error(`bench/image/build-debian-rootfs.sh failed (exit ${built.status})`);
  await packDockerArchive(
    image,
    [
      { dir: join(CACHE, "rootfs"), prefix: "" },
      { dir: join(CACHE, "app"), prefix: "app" },
    ],
    { gzip: true, tag: "bench/debian-npm:12" },
  );
  if (!existsSync(image)) throw new Error("the image was not written");
}

/** The floor: stream each layer out of the archive and through gunzip into tar -x (nothing else). */
const FLOOR_SCRIPT =
  'set -e; out="$1/rootfs"; mkdir -p "$out"; ' +
  'for l in $(tar -tf "$1/image.tar" | grep "/layer.tar$"); do tar -xOf "$1/image.tar" "$l" | tar -xzf - -C "$out"; done';

/** A second floor without disk writes: only decompressing the layers (what any reader must do). */
const GUNZIP_SCRIPT =
  'set -e; for l in $(tar -tf "$1/image.tar" | grep "/layer.tar$"); do tar -xOf "$1/image.tar" "$l" | gzip -dc > /dev/null; done';

export function commands(workDir: string, _run: RunInfo): BenchCommand[] {
  const image = join(workDir, "image.tar");
  return [
    {
      label: "mamori: read image + packages",
      role: "subject",
      argv: ["node", "bench/image/extract-packages.mjs", image],
    },
    {
      label: "mamori: + secrets",
      role: "subject",
      argv: ["node", "bench/image/extract-packages.mjs", image, "--secrets"],
    },
    {
      label: "tar -x + gunzip (floor)",
      role: "floor",
      argv: ["bash", "-c", FLOOR_SCRIPT, "floor", workDir],
      cleanup: () => rm(join(workDir, "rootfs"), { recursive: true, force: true }),
    },
    {
      label: "gunzip only (floor, no writes)",
      role: "floor",
      argv: ["bash", "-c", GUNZIP_SCRIPT, "floor", workDir],
    },
  ];
}
