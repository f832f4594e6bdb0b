import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  pipfileLockPackages,
  pythonExtractors,
  pythonMetadataPackages,
  requirementsPackages,
  tomlLockPackages,
} from "./python.js";

const pairs = (found: { name: string; version: string }[]) => found.map((f) => `${f.name}==${f.version}`);

describe("python", () => {
  it("reads core metadata (METADATA, PKG-INFO)", () => {
    const metadata =
      "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nSummary: HTTP\nLicense: Apache 2.0\n\nName: not-this\n";
    assert.deepEqual(pythonMetadataPackages(metadata, "METADATA"), [
      { type: "pypi", name: "requests", version: "2.31.0", licenses: ["Apache 2.0"] },
    ]);
    assert.throws(
      () => pythonMetadataPackages("Summary: x\n", "/x.dist-info/METADATA"),
      /\/x.dist-info\/METADATA: core metadata without Name and Version/,
    );
    const wants = (path: string) => pythonExtractors[0]?.wants({ path, size: 1, mode: 0o644 });
    assert.equal(wants("/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA"), true);
    assert.equal(wants("/usr/lib/python3.11/site-packages/foo.egg-info/PKG-INFO"), true);
    assert.equal(wants("/usr/lib/python3/dist-packages/foo-1.0.egg-info"), true);
    assert.equal(wants("/home/me/notes.egg-info"), false);
    assert.equal(wants("/usr/lib/python3.11/site-packages/foo-1.0.egg-info"), true);
  });

  it("reads only pinned requirements", () => {
    const text = [
      "# comment",
      "requests==2.31.0",
      "Django[argon2]===4.2.1 ; python_version >= '3.8'",
      "flask>=2.0",
      "numpy==1.26.*",
      "-r other.txt",
      "-e git+https://example.com/repo.git#egg=pkg",
      "urllib3==1.26.5 \\",
      "    --hash=sha256:abc",
    ].join("\n");
    assert.deepEqual(pairs(requirementsPackages(text)), [
      "requests==2.31.0",
      "Django==4.2.1",
      "urllib3==1.26.5",
    ]);
  });

  it("reads poetry.lock and uv.lock, leaving out the project itself", () => {
    const poetry =
      '[[package]]\nname = "certifi"\nversion = "2023.7.22"\n\n[[package]]\nname = "mylib"\nversion = "0.1.0"\n[package.source]\ntype = "directory"\nurl = "../mylib"\n\n[metadata]\nlock-version = "2.0"\n';
    assert.deepEqual(pairs(tomlLockPackages(poetry, "poetry.lock", "pypi")), ["certifi==2023.7.22"]);
    const uv =
      'version = 1\n\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\n\n[[package]]\nname = "idna"\nversion = "3.6"\nsource = { registry = "https://pypi.org/simple" }\n';
    assert.deepEqual(pairs(tomlLockPackages(uv, "uv.lock", "pypi")), ["idna==3.6"]);
    assert.throws(() => tomlLockPackages("[[package]\n", "uv.lock", "pypi"), /uv.lock: invalid TOML/);
  });

  it("reads Pipfile.lock default and develop sections", () => {
    const lock = JSON.stringify({
      _meta: { hash: {} },
      default: { requests: { version: "==2.31.0" }, local: { path: "." } },
      develop: { pytest: { version: "==7.4.0" } },
    });
    assert.deepEqual(pairs(pipfileLockPackages(Buffer.from(lock), "Pipfile.lock")), [
      "requests==2.31.0",
      "pytest==7.4.0",
    ]);
  });
});
