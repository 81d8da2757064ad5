import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, expect, test } from 'vitest';
import { precompressDir } from './precompress.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('text files get a brotli and a gzip copy that decode to the same bytes; small and binary files do not', async () => {
  dir = mkdtempSync(join(tmpdir(), 'precompress-'));
  mkdirSync(join(dir, 'assets'));
  const js = 'export const answer = 42;\n'.repeat(200);
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), js);
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>x</title>${'<div></div>'.repeat(200)}`);
  writeFileSync(join(dir, 'tiny.js'), 'let a = 1;');
  writeFileSync(join(dir, 'photo.png'), Buffer.alloc(4096, 7));

  const done = await precompressDir(dir);

  expect(done.map((file) => file.slice(dir.length)).sort()).toEqual(['/assets/index-AbC123.js', '/index.html']);
  const file = join(dir, 'assets', 'index-AbC123.js');
  expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(js);
  expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(js);
  expect(readFileSync(`${file}.br`).byteLength).toBeLessThan(readFileSync(`${file}.gz`).byteLength);
  expect(existsSync(join(dir, 'tiny.js.br'))).toBe(false);
  expect(existsSync(join(dir, 'photo.png.gz'))).toBe(false);
});

test('a file that does not shrink (random bytes) gets no encoded copy', async () => {
  dir = mkdtempSync(join(tmpdir(), 'precompress-'));
  writeFileSync(join(dir, 'noise.txt'), randomBytes(4096));
  expect(await precompressDir(dir)).toEqual([]);
  expect(existsSync(join(dir, 'noise.txt.br'))).toBe(false);
  expect(existsSync(join(dir, 'noise.txt.gz'))).toBe(false);
});
