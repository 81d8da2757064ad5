import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';

// `node dist/server/main.js` as a process (here from source through tsx): start-up lines,
// a bad setting, and SIGTERM.

const MAIN = new URL('./main.ts', import.meta.url).pathname;
// Empty values override a developer's .env (empty counts as unset).
const CLEAN = { UMAMI_URL: '', UMAMI_API_KEY: '', UMAMI_USERNAME: '', UMAMI_PASSWORD: '', UMAMI_SHARE_URL: '', UMAMI_WEBSITE_IDS: '', DASHBOARD_TOKEN: '', FRAME_ANCESTORS: '', ALLOWED_HOSTS: '' };

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'pulseboard-main-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Pulseboard</title>');
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--static-dir', dir], {
    env: { ...process.env, ...CLEAN, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = async () => {
    for (let i = 0; i < 300 && !/ on http:\/\/\S+:\d+/.test(output); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    return /on (http:\/\/\S+:\d+)/.exec(output)?.[1] ?? '';
  };
  return { child, exited, listening, output: () => output };
}

test('logs the mode and the address, serves, and exits 0 on SIGTERM', async () => {
  const server = run({ DEMO_SEED: '3' });
  const url = await server.listening();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(server.output()).toContain('[pulseboard] upstream mode: demo, demo data (no network)');
  expect((await fetch(`${url}/`)).status).toBe(200);
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  await expect(fetch(`${url}/`)).rejects.toThrow();
}, 20_000);

test('a bad setting stops it at start with the variable named, never its value', async () => {
  const server = run({ UMAMI_URL: 'https://me:hunter2@u.example', UMAMI_API_KEY: 'k' });
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain('UMAMI_URL');
  expect(server.output()).not.toContain('hunter2');
}, 20_000);
