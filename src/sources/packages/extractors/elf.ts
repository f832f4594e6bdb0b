/** Reads one named section of an ELF file (32/64-bit, either byte order); undefined when absent or malformed. */
export function elfSection(buf: Buffer, wanted: string): Buffer | undefined {
  if (buf.length < 64 || buf.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = buf[4] === 2;
  const little = buf[5] === 1;
  const u16 = (at: number) => (little ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const u64 = (at: number) => Number(little ? buf.readBigUInt64LE(at) : buf.readBigUInt64BE(at));
  const shoff = is64 ? u64(0x28) : u32(0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const shstrndx = u16(is64 ? 0x3e : 0x32);
  if (shoff <= 0 || shentsize < (is64 ? 64 : 40) || shnum === 0 || shstrndx >= shnum) return undefined;
  if (shoff + shnum * shentsize > buf.length) return undefined;
  const header = (i: number) => {
    const at = shoff + i * shentsize;
    return {
      name: u32(at),
      offset: is64 ? u64(at + 24) : u32(at + 16),
      size: is64 ? u64(at + 32) : u32(at + 20),
    };
  };
  const names = header(shstrndx);
  if (names.offset + names.size > buf.length) return undefined;
  for (let i = 0; i < shnum; i++) {
    const section = header(i);
    const start = names.offset + section.name;
    const end = buf.indexOf(0, start);
    if (end < 0 || end > names.offset + names.size) continue;
    if (buf.toString("latin1", start, end) !== wanted) continue;
    if (section.offset + section.size > buf.length) return undefined;
    return buf.subarray(section.offset, section.offset + section.size);
  }
  return undefined;
}

/** Maps a virtual address of an ELF image to a file offset through its PT_LOAD segments. */
export function elfAddressReader(
  buf: Buffer,
): ((address: number, length: number) => Buffer | undefined) | undefined {
  if (buf.length < 64 || buf.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = buf[4] === 2;
  const little = buf[5] === 1;
  const u16 = (at: number) => (little ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const u64 = (at: number) => Number(little ? buf.readBigUInt64LE(at) : buf.readBigUInt64BE(at));
  const phoff = is64 ? u64(0x20) : u32(0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  if (phoff <= 0 || phentsize < (is64 ? 56 : 32) || phoff + phnum * phentsize > buf.length) return undefined;
  const segments: { vaddr: number; offset: number; size: number }[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (u32(at) !== 1) continue; // PT_LOAD
    segments.push(
      is64
        ? { offset: u64(at + 8), vaddr: u64(at + 16), size: u64(at + 32) }
        : { offset: u32(at + 4), vaddr: u32(at + 8), size: u32(at + 16) },
    );
  }
  return (address, length) => {
    const segment = segments.find((s) => address >= s.vaddr && address + length <= s.vaddr + s.size);
    if (!segment) return undefined;
    const start = segment.offset + (address - segment.vaddr);
    return start + length <= buf.length ? buf.subarray(start, start + length) : undefined;
  };
}
