import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import tar from "tar-stream";
import {
  dockerArchive,
  makeTar,
  ociArchive,
  ociLayoutFiles,
  sha256,
  writeOciLayout,
} from "./build.test-helpers.js";
import { ImageError, readImage } from "./index.js";

/** The entries of a small tar, in memory (test only). */
async function extractOuter(archive: Buffer): Promise<{ name: string; content: Buffer }[]> {
  const extract = tar.extract();
  const out: { name: string; content: Buffer }[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      if (entry.header.type === "file") out.push({ name: entry.header.name, content: Buffer.concat(chunks) });
    }
  })();
  extract.end(archive);
  await done;
  return out;
}

const OS_RELEASE =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n';
const STATUS_BOTH = `Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl (3.0.11-1~deb12u2)
Version: 3.0.11-1~deb12u2

Package: curl
Status: install ok installed
Architecture: amd64
Version: 7.88.1-10+deb12u5
`;
const STATUS_SSL_ONLY = STATUS_BOTH.split("\n\n")[0] as string;
// Assembled at run time so no token-shaped literal sits in the source.
const FAKE_GITHUB_TOKEN = `${"gh"}p_${"Zq3xW9vB7nM2kL5pR8tY1uI4oA6sD0fG3hJ7"}`;
const LOCK = JSON.stringify({
  lockfileVersion: 3,
  packages: { "": { name: "app" }, "node_modules/lodash": { version: "4.17.15" } },
});

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mamori-image-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function baseLayers() {
  const layer0 = await makeTar([
    { name: "./", type: "directory" },
    { name: "./etc/", type: "directory" },
    { name: "./etc/os-release", content: OS_RELEASE },
    { name: "./var/lib/dpkg/status", content: STATUS_BOTH },
    { name: "./usr/bin/sudo", content: "binary", mode: 0o4755 },
    { name: "./var/lib/apt/lists/deb.debian.org_Packages", content: "x".repeat(100) },
    { name: "./opt/old/config.txt", content: "old" },
    { name: "./app/package-lock.json", content: LOCK },
    { name: "./app/node_modules/lodash/package.json", content: '{"name":"lodash","version":"4.17.15"}' },
    { name: "./app/.env", content: `GITHUB_TOKEN="${FAKE_GITHUB_TOKEN}"\n` },
  ]);
  const layer1 = await makeTar([
    // curl removed: a new status file; lodash removed from node_modules; .env deleted; /opt emptied.
    { name: "var/lib/dpkg/status", content: STATUS_SSL_ONLY },
    { name: "app/node_modules/.wh.lodash", content: "" },
    { name: "app/.wh..env", content: "" },
    { name: "opt/.wh..wh..opq", content: "" },
    { name: "opt/new.txt", content: "new" },
  ]);
  return [layer0, layer1];
}

describe("readImage: docker-archive", () => {
  it("applies layers with whiteouts: removed packages and files are not reported", async () => {
    const layers = await baseLayers();
    const path = join(dir, "image.tar");
    await writeFile(path, await dockerArchive({ layers, config: { User: "", Labels: { a: "b" } } }));
    const image = await readImage(path, { secrets: true });
    assert.equal(image.kind, "docker-archive");
    assert.deepEqual(image.repoTags, ["test/image:1"]);
    assert.deepEqual(image.os, {
      id: "debian",
      versionId: "12",
      codename: "bookworm",
      prettyName: "Debian GNU/Linux 12 (bookworm)",
    });
    const names = image.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version} ${p.path}`);
    assert.deepEqual(names.sort(), [
      "Debian:12 libssl3@3.0.11-1~deb12u2 /var/lib/dpkg/status",
      "npm lodash@4.17.15 /app/package-lock.json",
    ]);
    const ssl = image.packages.find((p) => p.name === "libssl3");
    assert.equal(
      ssl?.purl,
      "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl",
    );
    assert.equal(ssl?.sourceName, "openssl");
    assert.equal(ssl?.layerDigest, sha256(layers[1] as Buffer), "the layer that last wrote the status file");
    assert.equal(image.packages.find((p) => p.name === "lodash")?.layerDigest, sha256(layers[0] as Buffer));
    // File index: the final filesystem only.
    assert.equal(image.files.has("/app/node_modules/lodash/package.json"), false);
    assert.equal(image.files.has("/app/.env"), false);
    assert.equal(image.files.has("/opt/old/config.txt"), false);
    assert.equal(image.files.has("/opt/new.txt"), true);
    assert.equal(image.files.get("/usr/bin/sudo")?.mode, 0o4755);
    assert.deepEqual(image.facts.setuidFiles, [{ path: "/usr/bin/sudo", mode: "4755" }]);
    assert.deepEqual(image.facts.sudoPaths, ["/usr/bin/sudo"]);
    assert.deepEqual(image.facts.packageCaches, [{ path: "/var/lib/apt/lists", bytes: 100 }]);
    // A secret in a file deleted by a later layer is still in the image: reported, redacted.
    assert.equal(image.secrets.length, 1);
    assert.equal(image.secrets[0]?.ruleId, "github-pat");
    assert.equal(image.secrets[0]?.path, "/app/.env");
    assert.equal(image.secrets[0]?.redacted, "ghp_****");
    assert.equal(image.secrets[0]?.layerDigest, sha256(layers[0] as Buffer));
    assert.ok(!JSON.stringify(image.secrets).includes("Zq3xW9vB7nM2"));
    // The image config as a docker.image-config resource.
    assert.equal(image.resource.type, "docker.image-config");
    assert.equal(image.resource.properties.user, "");
    assert.deepEqual(image.resource.properties.labels, { a: "b" });
    assert.equal(image.resource.properties.healthcheck, null);
    assert.equal(image.config.history.length, 2);
  });

  it("follows the links docker save writes for a repeated layer", async () => {
    const layer = await makeTar([{ name: "etc/os-release", content: OS_RELEASE }]);
    const archive = await dockerArchive({ layers: [layer] });
    // Re-pack: the real layer under another folder, and layer0/layer.tar a symlink to it.
    const entries = [
      { name: "first/layer.tar", content: layer },
      { name: "layer0/", type: "directory" as const },
      { name: "layer0/layer.tar", type: "symlink" as const, linkname: "../first/layer.tar" },
    ];
    const outer = await extractOuter(archive);
    const path = join(dir, "linked.tar");
    await writeFile(
      path,
      await makeTar([
        ...entries,
        ...outer.filter((e) => e.name === "manifest.json" || e.name.endsWith(".json")),
      ]),
    );
    const image = await readImage(path);
    assert.equal(image.os?.id, "debian");
  });

  it("reads a compressed archive (docker save | gzip) through a private temporary copy", async () => {
    const layers = await baseLayers();
    const path = join(dir, "image.tar.gz");
    await writeFile(path, gzipSync(await dockerArchive({ layers })));
    const temp = await mkdtemp(join(dir, "temp-"));
    const image = await readImage(path, { tempDir: temp });
    assert.equal(image.ref, path, "errors and results name the file the user gave");
    assert.deepEqual(image.packages.map((p) => p.name).sort(), ["libssl3", "lodash"]);
    assert.deepEqual(await readdir(temp), [], "the temporary copy is removed");
  });

  it("verifies each layer's diff_id", async () => {
    const layer = await makeTar([{ name: "a.txt", content: "a" }]);
    const archive = await dockerArchive({ layers: [layer] });
    // Flip one byte inside the layer's file content ("a" → "b"): the tar still parses, the digest does not match.
    const at = archive.indexOf(Buffer.from("a\0\0\0"), archive.indexOf("layer0/layer.tar") + 1024);
    archive[at] = "b".charCodeAt(0);
    const path = join(dir, "tampered.tar");
    await writeFile(path, archive);
    await assert.rejects(
      readImage(path),
      (e: Error) => e instanceof ImageError && /digest mismatch/.test(e.message),
    );
  });

  it("refuses path traversal, absolute names and escaping symlinks, writing nothing", async () => {
    const cases: [string, Parameters<typeof makeTar>[0], RegExp][] = [
      [
        "traversal",
        [{ name: "../../evil.txt", content: "x" }],
        /path traversal in "\.\.\/\.\.\/evil\.txt" refused/,
      ],
      ["absolute", [{ name: "/etc/passwd", content: "x" }], /absolute path "\/etc\/passwd" refused/],
      [
        "symlink",
        [{ name: "app/link", type: "symlink", linkname: "../../../etc/shadow" }],
        /symlink "\/app\/link" -> "\.\.\/\.\.\/\.\.\/etc\/shadow" escapes the image root/,
      ],
      ["hardlink", [{ name: "h", type: "link", linkname: "../outside" }], /path traversal/],
    ];
    for (const [label, entries, pattern] of cases) {
      const sandbox = await mkdtemp(join(dir, `${label}-`));
      const path = join(sandbox, "image.tar");
      await writeFile(path, await dockerArchive({ layers: [await makeTar(entries)] }));
      await assert.rejects(
        readImage(path),
        (e: Error) => e instanceof ImageError && pattern.test(e.message),
        label,
      );
      assert.deepEqual(await readdir(sandbox), ["image.tar"], `${label}: nothing extracted`);
    }
  });

  it("allows absolute symlinks and relative ones that stay inside", async () => {
    const layer = await makeTar([
      { name: "usr/bin/python3", type: "symlink", linkname: "/usr/bin/python3.11" },
      { name: "lib64/ld.so", type: "symlink", linkname: "../lib/x86_64-linux-gnu/ld.so" },
    ]);
    const path = join(dir, "links.tar");
    await writeFile(path, await dockerArchive({ layers: [layer] }));
    const image = await readImage(path);
    assert.equal(image.files.get("/lib64/ld.so")?.linkTarget, "../lib/x86_64-linux-gnu/ld.so");
  });

  it("stops at the entry and size caps with a clear message", async () => {
    const layer = await makeTar([
      { name: "a", content: "1" },
      { name: "b", content: "2" },
      { name: "c", content: "x".repeat(5000) },
    ]);
    const path = join(dir, "caps.tar");
    await writeFile(path, await dockerArchive({ layers: [layer] }));
    await assert.rejects(
      readImage(path, { limits: { maxEntries: 2 } }),
      /more than 2 entries in the image, refused/,
    );
    await assert.rejects(
      readImage(path, { limits: { maxLayerBytes: 4096 } }),
      /more than 4\.0 KiB uncompressed, refused/,
    );
  });

  it("refuses a file that is not an image with a one-line error", async () => {
    const path = join(dir, "not-image.tar");
    await writeFile(path, await makeTar([{ name: "hello.txt", content: "hi" }]));
    await assert.rejects(readImage(path), /neither a docker-archive \(manifest.json\) nor an OCI archive/);
    await assert.rejects(readImage(join(dir, "missing.tar")), /missing\.tar: no such file or directory/);
    const junk = join(dir, "junk.bin");
    await writeFile(junk, Buffer.alloc(2048, 7));
    await assert.rejects(readImage(junk), /not a tar archive \(bad header checksum at byte 0\)/);
  });
});

describe("readImage: OCI layout", () => {
  it("reads a folder with gzip layers and a tar with zstd layers", async () => {
    const layers = await baseLayers();
    const folder = join(dir, "oci-gzip");
    await writeOciLayout(folder, ociLayoutFiles({ layers, compress: "gzip" }));
    const fromDir = await readImage(folder);
    assert.equal(fromDir.kind, "oci-layout");
    assert.match(fromDir.digest ?? "", /^sha256:[0-9a-f]{64}$/);
    const tarPath = join(dir, "oci-zstd.tar");
    await writeFile(tarPath, await ociArchive(ociLayoutFiles({ layers, compress: "zstd" })));
    const fromTar = await readImage(`oci-archive:${tarPath}`);
    assert.equal(fromTar.kind, "oci-archive");
    for (const image of [fromDir, fromTar]) {
      assert.deepEqual(image.packages.map((p) => p.name).sort(), ["libssl3", "lodash"]);
    }
  });

  it("reads a layer compressed by the zstd tool", async () => {
    // The layout's media type says plain tar; the reader goes by the blob's first bytes.
    const blob = await readFile(new URL("fixtures/alpine-layer.tar.zst", import.meta.url));
    const folder = join(dir, "oci-real-zstd");
    await writeOciLayout(folder, ociLayoutFiles({ layers: [blob] }));
    const image = await readImage(folder);
    assert.deepEqual(image.os, { id: "alpine", versionId: "3.20.0" });
    assert.deepEqual(
      image.packages.map((p) => [p.purl, p.ecosystem]),
      [["pkg:apk/alpine/zlib@1.3.1-r1?arch=x86_64&distro=alpine-3.20.0", "Alpine:v3.20"]],
    );
  });

  it("names the layer when its compressed stream is corrupt", async () => {
    const layer = gzipSync(await makeTar([{ name: "a.txt", content: "x".repeat(4000) }]));
    layer.fill(0x55, 20, 60);
    const folder = join(dir, "oci-corrupt");
    await writeOciLayout(folder, ociLayoutFiles({ layers: [layer] }));
    await assert.rejects(
      readImage(folder),
      (e: Error) => e instanceof ImageError && /^layer sha256:[0-9a-f]{64}: /.test(e.message),
    );
  });

  it("picks the platform from a multi-platform index", async () => {
    const layers = await baseLayers();
    const folder = join(dir, "oci-multi");
    await writeOciLayout(folder, ociLayoutFiles({ layers }, ["linux/arm64", "linux/amd64"]));
    const arm = await readImage(folder, { platform: "linux/arm64" });
    assert.equal(arm.packages.length, 2);
    const amd = await readImage(folder, { platform: "linux/amd64" });
    assert.equal(amd.packages.length, 0, "the amd64 entry is the empty image");
    await assert.rejects(
      readImage(folder, { platform: "linux/s390x" }),
      /no image for platform linux\/s390x \(has linux\/arm64, linux\/amd64\)/,
    );
  });

  it("detects a tampered blob", async () => {
    const files = ociLayoutFiles({ layers: [await makeTar([{ name: "a", content: "a" }])] });
    for (const [name, data] of files) {
      if (name.startsWith("blobs/") && data.length === 2048) {
        const copy = Buffer.from(data);
        copy[512] = "b".charCodeAt(0); // the layer's only file content: "a" → "b"
        files.set(name, copy);
      }
    }
    const folder = join(dir, "oci-tampered");
    await writeOciLayout(folder, files);
    await assert.rejects(readImage(folder), /digest mismatch/);
  });
});
