// @ts-check
// Plain JavaScript on purpose: `npm start` runs this before anything is built, on Node alone,
// without devDependencies when the build is current.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Everything the two builds read; a change to any of them makes the build outdated. */
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'tailwind.config.ts', 'package.json', 'package-lock.json'];

export const CLIENT_INDEX = 'dist/client/index.html';
export const SERVER_ENTRY = 'dist/server/main.js';

/** @param {string} path */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Whether every output exists and none is older than the newest input.
 * @param {string} root the project folder
 * @param {string[]} outputs files the build writes, relative to root or absolute
 */
export function buildIsCurrent(root, outputs) {
  const paths = outputs.map((output) => (output.startsWith('/') ? output : join(root, output)));
  if (!paths.every((path) => existsSync(path))) return false;
  const oldestOutput = Math.min(...paths.map((path) => statSync(path).mtimeMs));
  return INPUTS.every((input) => newestMtime(join(root, input)) <= oldestOutput);
}

/**
 * Runs the client build (into `clientOutDir`, default dist/client) and the server build
 * (dist/server). Throws when Vite is not installed or a build fails.
 * @param {string} root
 * @param {{ clientOutDir?: string }} [options]
 */
export function runBuild(root, options = {}) {
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) {
    throw new Error('the build is missing or older than the sources, and building needs the devDependencies: run `npm install`, then `npm start`.');
  }
  const client = options.clientOutDir ? ['--outDir', options.clientOutDir, '--emptyOutDir'] : [];
  for (const args of [['build', ...client], ['build', '--ssr']]) {
    const result = spawnSync(process.execPath, [vite, ...args, '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`vite ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}
