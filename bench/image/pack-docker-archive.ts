// Packs folders as the layers of a docker-archive (the `docker save` format), without docker:
//   tsx bench/image/pack-docker-archive.ts OUT.tar [--gzip] [--tag name:tag] DIR[:PREFIX] ...
// Each DIR becomes one layer, its files placed under PREFIX (default: the image root). Symlinks
// are stored as links, hard links as tar hard links, devices and sockets are left out.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdtemp, readdir, readlink, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tar from "tar-stream";

type Header = Partial<tar.Header> & { name: string };

async function* walk(dir: string, rel: string): AsyncGenerator<{ path: string; rel: string }> {
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const relPath = rel ? `${rel}/${name}` : name;
    yield { path, rel: relPath };
    const info = await lstat(path);
    if (info.isDirectory()) yield* walk(path, relPath);
  }
}

/** Writes one layer tar (optionally gzip) to `out`; returns the diff_id (sha256 of the plain tar). */
async function writeLayer(dir: string, prefix: string, out: string, gzip: boolean): Promise<string> {
  const pack = tar.pack();
  const hash = createHash("sha256");
  const hasher = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const writing = pipeline(
    pack,
    hasher,
    gzip ? createGzip({ level: 6 }) : new PassThrough(),
    createWriteStream(out),
  );
  const inodes = new Map<string, string>();
  const add = (header: Header, path?: string) =>
    new Promise<void>((resolve, reject) => {
      if (!path) {
        pack.entry(header, (err) => (err ? reject(err) : resolve()));
        return;
      }
      const sink = pack.entry(header, (err) => (err ? reject(err) : resolve()));
      createReadStream(path).pipe(sink);
    });
  const base = prefix ? prefix.replace(/^\/|\/$/g, "") : "";
  if (base) {
    let acc = "";
    for (const part of base.split("/")) {
      acc = acc ? `${acc}/${part}` : part;
      await add({ name: `${acc}/`, type: "directory", mode: 0o755 });
    }
  }
  for await (const { path, rel } of walk(dir, "")) {
    const info = await lstat(path);
    const name = base ? `${base}/${rel}` : rel;
    const common = { mode: info.mode & 0o7777, uid: info.uid, gid: info.gid, mtime: info.mtime };
    if (info.isDirectory()) await add({ name: `${name}/`, type: "directory", ...common });
    else if (info.isSymbolicLink())
      await add({ name, type: "symlink", linkname: await readlink(path), ...common });
    else if (info.isFile()) {
      const key = `${info.dev}:${info.ino}`;
      const first = info.nlink > 1 ? inodes.get(key) : undefined;
      if (first) await add({ name, type: "link", linkname: first, ...common });
      else {
        if (info.nlink > 1) inodes.set(key, name);
        await add({ name, type: "file", size: info.size, ...common }, path);
      }
    }
  }
  pack.finalize();
  await writing;
  return `sha256:${hash.digest("hex")}`;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function packDockerArchive(
  out: string,
  layers: { dir: string; prefix: string }[],
  options: { gzip: boolean; tag: string },
) {
  const work = await mkdtemp(join(tmpdir(), "mamori-pack-"));
  try {
    const diffIds: string[] = [];
    const files: { name: string; path: string }[] = [];
    for (const [i, layer] of layers.entries()) {
      const path = join(work, `layer${i}`);
      diffIds.push(await writeLayer(layer.dir, layer.prefix, path, options.gzip));
      files.push({ name: `${await sha256File(path)}/layer.tar`, path });
    }
    const config = JSON.stringify({
      architecture: "amd64",
      os: "linux",
      created: "2026-01-01T00:00:00Z",
      config: {
        Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        Cmd: ["bash"],
        WorkingDir: "/app",
      },
      rootfs: { type: "layers", diff_ids: diffIds },
      history: layers.map((l) => ({
        created: "2026-01-01T00:00:00Z",
        created_by: `ADD ${l.dir} /${l.prefix}`,
      })),
    });
    const configName = `${createHash("sha256").update(config).digest("hex")}.json`;
    const configPath = join(work, "config.json");
    await writeFile(configPath, config);
    const manifestPath = join(work, "manifest.json");
    await writeFile(
      manifestPath,
      JSON.stringify([{ Config: configName, RepoTags: [options.tag], Layers: files.map((f) => f.name) }]),
    );
    const outer = tar.pack();
    const writing = pipeline(outer, createWriteStream(out));
    for (const file of [
      { name: configName, path: configPath },
      ...files,
      { name: "manifest.json", path: manifestPath },
    ]) {
      const size = (await stat(file.path)).size;
      await new Promise<void>((resolve, reject) => {
        const sink = outer.entry({ name: file.name, size, mode: 0o644 }, (err) =>
          err ? reject(err) : resolve(),
        );
        createReadStream(file.path).pipe(sink);
      });
    }
    outer.finalize();
    await writing;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const gzip = args.includes("--gzip");
  const tagAt = args.indexOf("--tag");
  const tag = tagAt >= 0 ? (args[tagAt + 1] ?? "bench:latest") : "bench:latest";
  const rest = args.filter((a, i) => a !== "--gzip" && i !== tagAt && i !== tagAt + 1);
  const [out, ...dirs] = rest;
  if (!out || dirs.length === 0) {
    console.error("usage: pack-docker-archive.ts OUT.tar [--gzip] [--tag name:tag] DIR[:PREFIX] ...");
    process.exit(2);
  }
  const layers = dirs.map((d) => {
    const [dir, prefix] = d.split(":");
    return { dir: dir as string, prefix: prefix ?? "" };
  });
  await packDockerArchive(out, layers, { gzip, tag });
}
