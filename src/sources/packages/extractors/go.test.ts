import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goBinaryInfo, goBinaryPackages, goModPackages, isExecutableImage } from "./go.js";

const full = (f: { namespace?: string; name: string; version: string }) =>
  `${f.namespace ? `${f.namespace}/` : ""}${f.name}@${f.version}`;

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/**
 * An ELF-looking buffer with a Go ≥ 1.18 build info blob in the layout the Go linker writes
 * (debug/buildinfo): 16-byte-aligned magic, pointer size, flags with bit 2 (inline strings),
 * then at +32 the varint-prefixed Go version and modinfo between its 16-byte sentinels.
 */
function goBinary(goVersion: string, modinfo: string): Buffer {
  const header = Buffer.alloc(32);
  header.write("\xff Go buildinf:", 0, "latin1");
  header[14] = 8;
  header[15] = 0x2;
  const info = Buffer.concat([
    Buffer.alloc(16, 0x30),
    Buffer.from(modinfo, "latin1"),
    Buffer.alloc(16, 0x31),
  ]);
  const elf = Buffer.alloc(4096);
  elf.write("\x7fELF", 0, "latin1");
  return Buffer.concat([
    elf,
    header,
    varint(goVersion.length),
    Buffer.from(goVersion),
    varint(info.length),
    info,
    Buffer.alloc(64),
  ]);
}

describe("go", () => {
  it("reads go.mod requires, with replace directives applied", () => {
    const mod = `module example.com/app

go 1.21

require github.com/gorilla/mux v1.8.0

require (
	golang.org/x/net v0.17.0 // indirect
	github.com/old/lib v1.0.0
	github.com/local/thing v0.0.0
)

replace github.com/old/lib => github.com/new/lib v1.2.0
replace github.com/local/thing => ../thing

exclude (
	golang.org/x/net v0.1.0
)
`;
    assert.deepEqual(goModPackages(mod, "go.mod").map(full), [
      "github.com/gorilla/mux@v1.8.0",
      "golang.org/x/net@v0.17.0",
      "github.com/new/lib@v1.2.0",
    ]);
    assert.throws(
      () => goModPackages("require github.com/x\n", "app/go.mod"),
      /app\/go.mod:1: require needs a module path and a version/,
    );
  });

  it("reads module build info from a Go binary", () => {
    const modinfo =
      "path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\tgithub.com/gorilla/mux\tv1.8.0\th1:abc=\ndep\tgolang.org/x/text\tv0.3.0\th1:def=\n=>\tgolang.org/x/text\tv0.14.0\th1:ghi=\nbuild\tGOOS=linux\n";
    const binary = goBinary("go1.21.5", modinfo);
    assert.equal(isExecutableImage(binary), true);
    assert.equal(goBinaryInfo(binary)?.main, "example.com/app");
    assert.deepEqual(goBinaryPackages(binary).map(full), [
      "github.com/gorilla/mux@v1.8.0",
      "golang.org/x/text@v0.14.0",
      "stdlib@v1.21.5",
    ]);
  });

  it("reads the pointer-based build info of Go 1.13–1.17 binaries through the ELF segments", () => {
    // ELF64 LE, one PT_LOAD segment mapping file offset 0 at 0x400000.
    const base = 0x400000;
    const buf = Buffer.alloc(4096);
    buf.writeUInt32BE(0x7f454c46, 0);
    buf[4] = 2;
    buf[5] = 1;
    buf.writeBigUInt64LE(64n, 0x20); // e_phoff
    buf.writeUInt16LE(56, 0x36);
    buf.writeUInt16LE(1, 0x38);
    buf.writeUInt32LE(1, 64); // PT_LOAD
    buf.writeBigUInt64LE(0n, 64 + 8);
    buf.writeBigUInt64LE(BigInt(base), 64 + 16);
    buf.writeBigUInt64LE(BigInt(buf.length), 64 + 32);
    const version = "go1.16.15";
    const modinfo = `${"0".repeat(16)}path\tex.com/old\nmod\tex.com/old\t(devel)\t\ndep\tgithub.com/pkg/errors\tv0.9.1\th1:x=\n${"1".repeat(16)}`;
    buf.write("\xff Go buildinf:", 256, "latin1");
    buf[256 + 14] = 8;
    buf[256 + 15] = 0; // little-endian, pointers (no inline strings)
    buf.writeBigUInt64LE(BigInt(base + 512), 256 + 16);
    buf.writeBigUInt64LE(BigInt(base + 528), 256 + 24);
    buf.writeBigUInt64LE(BigInt(base + 1024), 512);
    buf.writeBigUInt64LE(BigInt(version.length), 520);
    buf.writeBigUInt64LE(BigInt(base + 1100), 528);
    buf.writeBigUInt64LE(BigInt(modinfo.length), 536);
    buf.write(version, 1024, "latin1");
    buf.write(modinfo, 1100, "latin1");
    assert.deepEqual(goBinaryPackages(buf).map(full), ["github.com/pkg/errors@v0.9.1", "stdlib@v1.16.15"]);
  });

  it("finds nothing in executables without build info", () => {
    const elf = Buffer.alloc(8192);
    elf.write("\x7fELF", 0, "latin1");
    assert.deepEqual(goBinaryPackages(elf), []);
    // An unaligned copy of the magic (a string in .rodata) is not the header.
    const tricky = Buffer.concat([elf, Buffer.from("x\xff Go buildinf:", "latin1"), Buffer.alloc(64)]);
    assert.deepEqual(goBinaryPackages(tricky), []);
    assert.equal(
      isExecutableImage(Buffer.from("#!/bin/sh\necho hello world, this is a script and not a binary\n")),
      false,
    );
  });
});
