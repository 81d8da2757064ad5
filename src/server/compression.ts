import { gzipSync } from 'node:zlib';
import type { IncomingMessage } from 'node:http';

// A realtime answer is ~35 kB of JSON and compresses about 8×. Cached answers are the same
// Buffer for every viewer, so each is compressed once, then reused (and dropped with it).
const MIN_BYTES = 1024;
const compressed = new WeakMap<Buffer, Buffer>();

export function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && /(?:^|,)\s*gzip\s*(?:;\s*q=(?:1(?:\.0*)?|0?\.\d*[1-9]\d*)\s*)?(?:,|$)/i.test(header);
}

export function worthCompressing(body: Buffer | string): body is Buffer {
  return typeof body !== 'string' && body.byteLength >= MIN_BYTES;
}

/** The gzip form of a shared body, computed on first use. */
export function gzipped(body: Buffer): Buffer {
  let zipped = compressed.get(body);
  if (!zipped) {
    zipped = gzipSync(body, { level: 6 });
    compressed.set(body, zipped);
  }
  return zipped;
}
