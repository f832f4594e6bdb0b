import { createHash } from "node:crypto";
import { PassThrough, Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { Decompress as ZstdDecompress } from "fzstd";
import { ImageError } from "./errors.js";
import { formatBytes } from "./limits.js";

/** Verifies a stream's bytes against "sha256:<hex>" as they pass; a mismatch errors the stream at its end. */
export function digestVerifier(expected: string, what: string): Transform {
  const [algorithm, hex] = expected.split(":");
  if ((algorithm !== "sha256" && algorithm !== "sha512") || !hex || !/^[0-9a-f]+$/.test(hex))
    throw new ImageError(`${what}: unsupported digest "${expected}"`);
  const hash = createHash(algorithm);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest("hex");
      done(
        actual === hex
          ? null
          : new ImageError(`${what}: digest mismatch: expected ${expected}, got ${algorithm}:${actual}`),
      );
    },
  });
}

/** Counts bytes and errors once more than `max` pass (the decompression-bomb guard). */
export function byteCap(max: number, what: string, onBytes?: (n: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      onBytes?.(chunk.length);
      if (total > max)
        done(
          new ImageError(
            `${what}: more than ${formatBytes(max)} uncompressed, refused (raise the limit to read it)`,
          ),
        );
      else done(null, chunk);
    },
  });
}

/** zstd through fzstd (pure JavaScript: Node 20's zlib has no zstd). */
function zstdStream(): Transform {
  let decoder: ZstdDecompress;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      try {
        decoder.push(chunk);
        done();
      } catch (error) {
        done(new ImageError(`zstd: ${(error as Error).message}`));
      }
    },
    flush(done) {
      try {
        decoder.push(new Uint8Array(0), true);
        done();
      } catch (error) {
        done(new ImageError(`zstd: ${(error as Error).message}`));
      }
    },
  });
  decoder = new ZstdDecompress((data) => {
    stream.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  return stream;
}

/**
 * Reads the first bytes of a stream to pick its decompressor (gzip 1f 8b, zstd 28 b5 2f fd, else
 * a plain tar), whatever the media type claims: docker-archive layers carry no media type at
 * all. Returns the decompressor and a stream that replays the peeked bytes.
 */
export async function peekCompression(
  source: Readable,
): Promise<{ stream: Readable; decompressor: Transform | PassThrough }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  let done = false;
  while (head.length < 4) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head = Buffer.concat([head, next.value]);
  }
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { stream: Readable.from(replay(), { objectMode: false }), decompressor: pick(head) };
}

function pick(head: Buffer): Transform | PassThrough {
  if (head[0] === 0x1f && head[1] === 0x8b) return createGunzip();
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return zstdStream();
  return new PassThrough();
}

/** Reads a whole (small) stream into memory, refusing more than `max` bytes. */
export async function readAll(stream: Readable, max: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > max) {
      stream.destroy();
      throw new ImageError(`${what}: larger than ${formatBytes(max)}, refused`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** source → transform, with the source's errors passed on (plain .pipe() drops them and hangs). */
export function through(source: Readable, transform: Transform): Transform {
  pipeline(source, transform).catch((error: Error) => transform.destroy(error));
  return transform;
}
