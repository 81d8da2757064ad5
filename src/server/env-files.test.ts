import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { readEnv } from './env-files.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('.env files are read in Vite’s order and the real environment wins', () => {
  dir = mkdtempSync(join(tmpdir(), 'pulseboard-env-'));
  writeFileSync(join(dir, '.env'), 'PORT=1111\nUMAMI_URL=https://a.example\nDEMO_SEED=1\n');
  writeFileSync(join(dir, '.env.local'), 'DEMO_SEED=2\n# a comment\nHOST="0.0.0.0"\n');
  writeFileSync(join(dir, '.env.production.local'), 'DEMO_SEED=3\n');
  const env = readEnv(dir, { PORT: '8080' });
  expect(env).toMatchObject({ PORT: '8080', UMAMI_URL: 'https://a.example', DEMO_SEED: '3', HOST: '0.0.0.0' });
});

test('no .env file: the environment as it is', () => {
  dir = mkdtempSync(join(tmpdir(), 'pulseboard-env-'));
  expect(readEnv(dir, { PORT: '1' })).toEqual({ PORT: '1' });
});
