import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium, expect, test } from '@playwright/test';
import { DEMO_SITES } from '../src/server/demo/catalog.ts';
import { DEMO_URL } from './servers.ts';

// README "Putting it on a TV": the Chromium command line there is the one this test launches
// (headless, against the demo test server), so the documented kiosk cannot rot.

const README = new URL('../README.md', import.meta.url);
const MARKER = '<!-- e2e/tv-kiosk.spec.ts';

/** The `exec chromium …` command of the README's kiosk script, its `\`-continued lines joined. */
function kioskCommand(readme: string): string {
  const from = readme.indexOf(MARKER);
  if (from === -1) throw new Error('README has no kiosk script marked for e2e/tv-kiosk.spec.ts');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from))?.[1] ?? '';
  const lines = block.split('\n');
  const start = lines.findIndex((line) => /^exec chromium\b/.test(line.trim()));
  if (start === -1) throw new Error('the kiosk script has no "exec chromium" line');
  const command: string[] = [];
  for (const line of lines.slice(start)) {
    command.push(line.trim().replace(/\\$/, '').trim());
    if (!line.trimEnd().endsWith('\\')) break;
  }
  return command.join(' ');
}

/** Shell words: single and double quotes, `$HOME` expanded inside double quotes and bare words. */
function shellWords(command: string, home: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|([^\s'"]+)|(\s+)/g;
  let word: string | null = null;
  for (const match of command.matchAll(pattern)) {
    if (match[4] !== undefined) {
      if (word !== null) words.push(word);
      word = null;
      continue;
    }
    const part = match[1] ?? (match[2] ?? match[3] ?? '').replace(/\$HOME|\$\{HOME\}/g, home);
    word = (word ?? '') + part;
  }
  if (word !== null) words.push(word);
  return words;
}

let browserProcess: ChildProcess | null = null;

test.afterEach(async () => {
  const running = browserProcess;
  if (running?.pid && running.exitCode === null) {
    // Chromium writes its profile until it has exited: wait for that before removing it.
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  browserProcess = null;
});

test('the README’s Chromium kiosk command line opens the overview wall', async () => {
  const words = shellWords(kioskCommand(readFileSync(README, 'utf8')), '/home/tv');
  expect(words[0]).toBe('exec');
  expect(words[1]).toBe('chromium');
  const args = words.slice(2);
  for (const flag of ['--kiosk', '--noerrdialogs', '--disable-session-crashed-bubble']) expect(args).toContain(flag);
  const urlIndex = args.findIndex((arg) => /^https?:\/\//.test(arg));
  expect(urlIndex).toBe(args.length - 1);
  expect(args.some((arg) => arg.startsWith('--user-data-dir=/home/tv/'))).toBe(true);

  // The same command against the test server: its address swapped in, a throwaway profile, and
  // what a headless run on this machine needs added.
  const documented = new URL(args[urlIndex]!);
  const target = `${DEMO_URL}${documented.pathname}${documented.search}`;
  // A throwaway profile where Playwright keeps test output (emptied on the next run): Chromium's helpers may still write to it as it exits.
  const profile = test.info().outputPath('chromium-profile');
  const launched = args.map((arg, i) => (i === urlIndex ? target : arg.startsWith('--user-data-dir=') ? `--user-data-dir=${profile}` : arg));
  browserProcess = spawn(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--headless', '--no-sandbox', '--remote-debugging-port=0', '--window-size=1920,1080', ...launched], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${stderr}`)), 20_000);
    browserProcess!.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    browserProcess!.on('exit', (code) => reject(new Error(`Chromium exited with ${code}:\n${stderr}`)));
  });

  const browser = await chromium.connectOverCDP(endpoint);
  try {
    const findPage = () => browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(DEMO_URL));
    await expect.poll(() => findPage()?.url()).toBe(target);
    const page = findPage()!;
    expect(page.url()).toBe(target);
    await expect(page.getByTestId('overview')).toBeVisible();
    await expect(page.getByTestId('site-tile')).toHaveCount(DEMO_SITES.length);
    await expect(page.getByTestId('tile-online').first()).toHaveText(/^\d/);
    // Kiosk mode: no buttons or branding on the wall.
    await expect(page.getByRole('button')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});
