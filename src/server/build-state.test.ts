import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { CLIENT_INDEX, SERVER_ENTRY, buildIsCurrent, runBuild } from './build-state.mjs';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function project() {
  root = mkdtempSync(join(tmpdir(), 'pulseboard-build-'));
  mkdirSync(join(root, 'src/server'), { recursive: true });
  mkdirSync(join(root, 'dist/client'), { recursive: true });
  mkdirSync(join(root, 'dist/server'), { recursive: true });
  const source = join(root, 'src/server/main.ts');
  writeFileSync(source, '');
  writeFileSync(join(root, 'package.json'), '{}');
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  for (const path of [source, join(root, 'src/server'), join(root, 'src'), join(root, 'package.json')]) at(path, 1_000);
  return { source, at };
}

test('the build is current when both outputs exist and are newer than every source', () => {
  const { at } = project();
  expect(buildIsCurrent(root, [CLIENT_INDEX, SERVER_ENTRY])).toBe(false);
  writeFileSync(join(root, CLIENT_INDEX), '');
  writeFileSync(join(root, SERVER_ENTRY), '');
  at(join(root, CLIENT_INDEX), 2_000);
  at(join(root, SERVER_ENTRY), 2_000);
  expect(buildIsCurrent(root, [CLIENT_INDEX, SERVER_ENTRY])).toBe(true);
});

test('a source newer than either output (the server code included) makes it outdated', () => {
  const { source, at } = project();
  writeFileSync(join(root, CLIENT_INDEX), '');
  writeFileSync(join(root, SERVER_ENTRY), '');
  at(join(root, CLIENT_INDEX), 2_000);
  at(join(root, SERVER_ENTRY), 2_000);
  at(source, 3_000);
  expect(buildIsCurrent(root, [CLIENT_INDEX, SERVER_ENTRY])).toBe(false);
});

test('building without the devDependencies says what to run', () => {
  project();
  expect(() => runBuild(root)).toThrow(/npm install/);
});
