import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

// Writes `file.br` and `file.gz` beside each text file of the client build, at the strongest
// settings, once: the production server sends them as they are instead of compressing per request.

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.xml', '.webmanifest']);
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Compresses every text file of `dir` worth it; returns the files that got a `.br` and `.gz`. */
export async function precompressDir(dir: string): Promise<string[]> {
  const files = (await filesUnder(dir)).filter((file) => TEXT.has(extname(file).toLowerCase()));
  const done = await Promise.all(
    files.map(async (file) => {
      if ((await stat(file)).size < MIN_BYTES) return null;
      const body = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
        gzipAsync(body, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      // An encoding that saves nothing is not written: the server then sends the file itself.
      if (br.byteLength >= body.byteLength || gz.byteLength >= body.byteLength) return null;
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
      return file;
    }),
  );
  return done.filter((file): file is string => file !== null);
}

/** The build plugin: runs after the client build is written (never for the server bundle). */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'pulseboard-precompress',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
