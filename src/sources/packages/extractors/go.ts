import { ExtractError, type Extractor, type Found } from "../types.js";
import { elfAddressReader } from "./elf.js";
import { basename } from "./json-util.js";

/** "github.com/gorilla/mux" → namespace "github.com/gorilla", name "mux". */
export function goFound(modulePath: string, version: string): Found {
  const slash = modulePath.lastIndexOf("/");
  return slash > 0
    ? { type: "golang", namespace: modulePath.slice(0, slash), name: modulePath.slice(slash + 1), version }
    : { type: "golang", name: modulePath, version };
}

/** go.mod: `require` lines and blocks, with `replace` directives applied. */
export function goModPackages(text: string, file: string): Found[] {
  const required = new Map<string, string>();
  const replaced = new Map<string, { path: string; version?: string }>();
  let block: "require" | "replace" | undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\/\/.*$/, "").trim();
    if (line === "") continue;
    if (block && line === ")") {
      block = undefined;
      continue;
    }
    let directive: string | undefined = block;
    let rest = line;
    const m = /^(require|replace|exclude|retract|module|go|toolchain|godebug)\b\s*(.*)$/.exec(line);
    if (!block && m) {
      directive = m[1];
      rest = (m[2] as string).trim();
      if (rest === "(") {
        block = directive === "require" || directive === "replace" ? directive : undefined;
        if (!block) skipBlock();
        continue;
      }
    }
    if (directive === "require") {
      const parts = rest.split(/\s+/);
      if (parts.length < 2)
        throw new ExtractError(`${file}:${i + 1}: require needs a module path and a version`);
      required.set(unquote(parts[0] as string), parts[1] as string);
    } else if (directive === "replace") {
      const r = /^(\S+)(?:\s+\S+)?\s*=>\s*(\S+)(?:\s+(\S+))?$/.exec(rest);
      if (!r) throw new ExtractError(`${file}:${i + 1}: malformed replace directive`);
      replaced.set(unquote(r[1] as string), { path: unquote(r[2] as string), version: r[3] });
    }
    function skipBlock() {
      while (i + 1 < lines.length && (lines[i + 1] as string).trim() !== ")") i++;
      i++;
    }
  }
  const found: Found[] = [];
  for (const [path, version] of required) {
    const replacement = replaced.get(path);
    if (replacement && !replacement.version) continue; // replaced by a local directory
    found.push(goFound(replacement?.path ?? path, replacement?.version ?? version));
  }
  return found;
}

function unquote(s: string): string {
  return s.replace(/^"|"$/g, "");
}

const BUILDINFO_MAGIC = Buffer.from("\xff Go buildinf:", "latin1");
const FLAG_INLINE = 0x2;

function readVarint(buf: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (let i = at; i < buf.length && shift < 35; i++) {
    const b = buf[i] as number;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, i + 1];
    shift += 7;
  }
  return [-1, at];
}

/**
 * Module build info embedded by the Go toolchain (the ≥ 1.18 inline format here; older
 * binaries in pointerBuildInfo below): the magic
 * "\xff Go buildinf:", pointer size, flags, then at +32 two length-prefixed strings, the Go
 * version and the modinfo text ("path", "mod", "dep", "=>" lines between 16-byte sentinels).
 */
export function goBinaryInfo(buf: Buffer): { goVersion: string; main?: string; deps: Found[] } | undefined {
  let at = buf.indexOf(BUILDINFO_MAGIC);
  // The header is 16-byte aligned; an unaligned match is a string that merely contains the magic.
  while (at >= 0 && at % 16 !== 0) at = buf.indexOf(BUILDINFO_MAGIC, at + 1);
  if (at < 0 || at + 32 > buf.length) return undefined;
  const flags = buf[at + 15] as number;
  let goVersion: string;
  let modinfo: string;
  if ((flags & FLAG_INLINE) === 0) {
    const old = pointerBuildInfo(buf, at);
    if (!old) return undefined;
    ({ goVersion, modinfo } = old);
  } else {
    const [versionLength, afterLength] = readVarint(buf, at + 32);
    if (versionLength < 0 || afterLength + versionLength > buf.length) return undefined;
    goVersion = buf.toString("utf8", afterLength, afterLength + versionLength);
    const [infoLength, infoStart] = readVarint(buf, afterLength + versionLength);
    if (infoLength < 0 || infoStart + infoLength > buf.length) return undefined;
    modinfo = buf.toString("latin1", infoStart, infoStart + infoLength);
  }
  if (modinfo.length >= 33 && modinfo[modinfo.length - 17] === "\n") modinfo = modinfo.slice(16, -16);
  const deps: Found[] = [];
  let main: string | undefined;
  for (const line of modinfo.split("\n")) {
    const parts = line.split("\t");
    if (parts[0] === "path") main = parts[1];
    else if ((parts[0] === "mod" || parts[0] === "dep") && parts[1] && parts[2] && parts[2] !== "(devel)") {
      deps.push(goFound(parts[1], parts[2]));
    } else if (parts[0] === "=>" && parts[1] && parts[2] && deps.length > 0) {
      deps[deps.length - 1] = goFound(parts[1], parts[2]); // replaces the module on the line above
    }
  }
  const result: { goVersion: string; main?: string; deps: Found[] } = { goVersion, deps };
  if (main) result.main = main;
  return result;
}

export function goBinaryPackages(buf: Buffer): Found[] {
  const info = goBinaryInfo(buf);
  if (!info) return [];
  const found = [...info.deps];
  // The standard library is a module too for advisories (OSV "stdlib"); "go1.21.5" → "v1.21.5".
  const std = /^go(\d+\.\d+(?:\.\d+)?)/.exec(info.goVersion);
  if (std) found.push({ type: "golang", name: "stdlib", version: `v${std[1]}` });
  return found;
}

/**
 * Go 1.13–1.17 build info: after the magic, pointer size and flags (bit 1: big-endian), two
 * pointers to Go string headers {data pointer, length} for the version and the modinfo. The
 * addresses are virtual: ELF program headers map them to file offsets.
 */
function pointerBuildInfo(buf: Buffer, at: number): { goVersion: string; modinfo: string } | undefined {
  const read = elfAddressReader(buf);
  if (!read) return undefined;
  const ptrSize = buf[at + 14] as number;
  const big = ((buf[at + 15] as number) & 0x1) !== 0;
  if (ptrSize !== 4 && ptrSize !== 8) return undefined;
  const pointer = (b: Buffer, offset: number) =>
    ptrSize === 8
      ? Number(big ? b.readBigUInt64BE(offset) : b.readBigUInt64LE(offset))
      : big
        ? b.readUInt32BE(offset)
        : b.readUInt32LE(offset);
  const goString = (address: number): string | undefined => {
    const header = read(address, ptrSize * 2);
    if (!header) return undefined;
    const length = pointer(header, ptrSize);
    if (length > 16 * 1024 * 1024) return undefined;
    return read(pointer(header, 0), length)?.toString("latin1");
  };
  const goVersion = goString(pointer(buf, at + 16));
  const modinfo = goString(pointer(buf, at + 16 + ptrSize));
  return goVersion === undefined || modinfo === undefined ? undefined : { goVersion, modinfo };
}

const ELF = Buffer.from("\x7fELF", "latin1");
const MACHO = [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe];

/** Executables (ELF, Mach-O, PE) are worth searching for Go build info. */
export function isExecutableImage(buf: Buffer): boolean {
  if (buf.length < 64) return false;
  if (buf.subarray(0, 4).equals(ELF)) return true;
  if (buf[0] === 0x4d && buf[1] === 0x5a) return true; // MZ
  return MACHO.includes(buf.readUInt32BE(0));
}

export const goExtractors: Extractor[] = [
  {
    name: "go-mod",
    wants: ({ path }) => basename(path) === "go.mod" && !path.includes("/pkg/mod/"),
    extract: ({ path, content }) => goModPackages(content.toString("utf8"), path),
  },
  {
    name: "go-binary",
    maxBytes: 256 * 1024 * 1024,
    wants: ({ mode, size, path }) =>
      (mode & 0o111) !== 0 && size >= 1024 && !/\.(?:sh|py|pl|rb|js)$/.test(path),
    extract: ({ content }) => (isExecutableImage(content) ? goBinaryPackages(content) : []),
  },
];
