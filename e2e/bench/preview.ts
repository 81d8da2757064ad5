// The production build and the production server (what `npm start` runs), started by the
// benchmark on 127.0.0.1 with the environment it needs, and stopped by it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SERVER_ENTRY, buildIsCurrent, runBuild } from '../../src/server/build-state.mjs';
import { NO_UPSTREAM } from '../servers.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * Builds the client into `outDir` (and the server into dist/server) when asked, when there is no
 * build, or when a source is newer than it.
 */
export function ensureBuild(outDir: string, force: boolean): 'built' | 'up to date' {
  if (!force && buildIsCurrent(ROOT, [join(outDir, 'index.html'), SERVER_ENTRY])) return 'up to date';
  console.log(`Building the app into ${outDir} …`);
  runBuild(ROOT, { clientOutDir: outDir });
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
  const child = spawn(process.execPath, [join(ROOT, SERVER_ENTRY), '--static-dir', outDir], {
    cwd: ROOT,
    env: { ...process.env, ...NO_UPSTREAM, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr.slice(-2000)}`);
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer on ${url} within 30 s`);
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
