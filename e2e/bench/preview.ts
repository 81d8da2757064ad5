// The production build and `vite preview` (what `npm start` runs), started by the benchmark on
// 127.0.0.1 with the environment it needs, and stopped by it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { NO_UPSTREAM } from '../servers.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');


/** Inputs of the build: when any is newer than dist/index.html, the build is stale. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json', 'tailwind.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (path.endsWith('src') && entry === 'server') continue; // Node-side code is not in the bundle
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds into `outDir` when asked, when there is no build, or when a source is newer than it. */
export function ensureBuild(outDir: string, force: boolean): 'built' | 'up to date' {
  const index = join(outDir, 'index.html');
  const stale = !existsSync(index) || BUILD_INPUTS.some((input) => newestMtime(join(ROOT, input)) > statSync(index).mtimeMs);
  if (!force && !stale) return 'up to date';
  console.log(`Building the app into ${outDir} …`);
  const result = spawnSync(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
  return 'built';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type Preview = { url: string; stop: () => Promise<void> };

const running = new Set<ChildProcess>();
// A crash or Ctrl-C must not leave a server behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

export async function startPreview(outDir: string, env: Record<string, string>): Promise<Preview> {
  const port = await freePort();
  const child = spawn(process.execPath, [VITE, 'preview', '--port', String(port), '--strictPort', '--outDir', outDir], {
    cwd: ROOT,
    env: { ...process.env, ...NO_UPSTREAM, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}): ${stderr.slice(-2000)}`);
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`vite preview did not answer on ${url} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        running.delete(child);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
