import assert from "node:assert/strict";
import { link, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { readImage } from "../../src/sources/image/index.js";
import { packDockerArchive } from "./pack-docker-archive.js";

let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "mamori-pack-test-"));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("pack-docker-archive", () => {
  it("packs folders as gzip layers that readImage reads back, links included", async () => {
    const rootfs = join(work, "rootfs");
    await mkdir(join(rootfs, "etc"), { recursive: true });
    await mkdir(join(rootfs, "var/lib/dpkg"), { recursive: true });
    await writeFile(join(rootfs, "etc/os-release"), "ID=debian\nVERSION_ID=12\n");
    await writeFile(
      join(rootfs, "var/lib/dpkg/status"),
      "Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\n",
    );
    await link(join(rootfs, "var/lib/dpkg/status"), join(rootfs, "var/lib/dpkg/status-hardlink"));
    await symlink("../etc/os-release", join(rootfs, "var/os-release"));
    const app = join(work, "app");
    await mkdir(join(app, "node_modules/lodash"), { recursive: true });
    await writeFile(join(app, "node_modules/lodash/package.json"), '{"name":"lodash","version":"4.17.15"}');
    const out = join(work, "image.tar");
    await packDockerArchive(
      out,
      [
        { dir: rootfs, prefix: "" },
        { dir: app, prefix: "app" },
      ],
      { gzip: true, tag: "t/x:1" },
    );
    const image = await readImage(out);
    assert.deepEqual(image.repoTags, ["t/x:1"]);
    assert.equal(image.layers.length, 2);
    assert.deepEqual(image.packages.map((p) => `${p.ecosystem} ${p.name} ${p.path}`).sort(), [
      "Debian:12 bash /var/lib/dpkg/status",
      "npm lodash /app/node_modules/lodash/package.json",
    ]);
    assert.equal(image.files.get("/var/os-release")?.linkTarget, "../etc/os-release");
    assert.equal(image.files.get("/var/lib/dpkg/status-hardlink")?.type, "hardlink");
  });
});
