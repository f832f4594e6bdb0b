import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FilesystemError, scanFilesystem } from "./index.js";

let root: string;
let outside: string;

async function put(path: string, content: string) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), "mamori-fs-"));
  outside = await mkdtemp(join(tmpdir(), "mamori-fs-outside-"));
  const project = join(root, "project");
  await put(
    join(project, "package-lock.json"),
    JSON.stringify({
      lockfileVersion: 3,
      packages: { "": { name: "p" }, "node_modules/lodash": { version: "4.17.15" } },
    }),
  );
  await put(join(project, "node_modules/lodash/package.json"), '{"name":"lodash","version":"4.17.15"}');
  await put(
    join(project, "node_modules/lodash/fp/package.json"),
    '{"name":"lodash-fp-inner","version":"1.0.0"}',
  );
  await put(join(project, "node_modules/@scope/a/package.json"), '{"name":"@scope/a","version":"1.0.0"}');
  await put(
    join(project, "node_modules/@scope/a/node_modules/b/package.json"),
    '{"name":"b","version":"2.0.0"}',
  );
  await put(join(project, "requirements.txt"), "requests==2.31.0\n");
  await put(join(project, ".git/config"), "[core]\n");
  await put(
    join(project, "config/app.env"),
    `DATABASE_URL=postgres://app:${"Vq8r2LxN5tZ0wK3m"}@db:5432/app\n`,
  );
  await put(join(root, "etc/os-release"), "ID=debian\nVERSION_ID=12\n");
  await put(join(root, "usr/bin/.keep"), "");
  await put(
    join(root, "var/lib/dpkg/status"),
    "Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\nArchitecture: amd64\n",
  );
  // Links that lead outside the root must never be followed.
  await put(join(outside, "go.mod"), "module x\nrequire github.com/evil/pkg v1.0.0\n");
  await symlink(outside, join(root, "project/linked-dir"));
  await symlink(join(outside, "go.mod"), join(root, "project/go.mod"));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("scanFilesystem", () => {
  it("finds OS and language packages with paths relative to the root, never following symlinks", async () => {
    const scan = await scanFilesystem(root, { secrets: true });
    assert.deepEqual(scan.os, { id: "debian", versionId: "12" });
    const got = scan.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version} ${p.path}`).sort();
    assert.deepEqual(got, [
      "Debian:12 bash@5.2.15-2+b2 var/lib/dpkg/status",
      "PyPI requests@2.31.0 project/requirements.txt",
      "npm @scope/a@1.0.0 project/node_modules/@scope/a/package.json",
      "npm b@2.0.0 project/node_modules/@scope/a/node_modules/b/package.json",
      "npm lodash@4.17.15 project/node_modules/lodash/package.json",
      "npm lodash@4.17.15 project/package-lock.json",
    ]);
    assert.equal(scan.secrets.length, 1);
    assert.equal(scan.secrets[0]?.path, "project/config/app.env");
    assert.equal(scan.secrets[0]?.redacted, "Vq8r****");
  });

  it("refuses a missing root or a file with a one-line error", async () => {
    await assert.rejects(
      scanFilesystem(join(root, "nope")),
      (e: Error) => e instanceof FilesystemError && /no such directory/.test(e.message),
    );
    await assert.rejects(scanFilesystem(join(root, "etc/os-release")), /not a directory/);
    await assert.rejects(scanFilesystem(root, { maxFiles: 2 }), /more than 2 files, stopped/);
  });
});
