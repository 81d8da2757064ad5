import { defineConfig } from '@playwright/test';
import { DEMO_PORT, FIXTURE_PORT, NO_UPSTREAM, SECRETS, SERVER_ENTRY, UPSTREAM_PORT, UPSTREAM_URL } from './e2e/servers.ts';

// The e2e suite drives the production build (`npm run build` first) through the production
// server `npm start` runs and the real proxy, in Debian's Chromium: no browser is downloaded.
// Three servers, all on 127.0.0.1, started and stopped by the runner: a fake Umami replaying
// recorded responses, the app in demo mode, and the app pointed at the fake Umami with a login.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['./e2e/reporter.ts']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 720 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: 'npx tsx e2e/fixture-upstream.ts',
      url: `${UPSTREAM_URL}/__requests`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      command: `node ${SERVER_ENTRY}`,
      url: `http://127.0.0.1:${DEMO_PORT}/`,
      // The whole suite is one client (127.0.0.1) opening hundreds of fresh sites: not the hostile one the limit is for.
      env: { ...NO_UPSTREAM, PORT: String(DEMO_PORT), DEMO_SEED: '42', ALLOWED_HOSTS: 'pulse.test', CLIENT_MISS_BURST: '1000000' },
      reuseExistingServer: false,
    },
    {
      command: `node ${SERVER_ENTRY}`,
      url: `http://127.0.0.1:${FIXTURE_PORT}/`,
      env: {
        ...NO_UPSTREAM,
        PORT: String(FIXTURE_PORT),
        UMAMI_URL: `http://127.0.0.1:${UPSTREAM_PORT}`,
        UMAMI_USERNAME: SECRETS.username,
        UMAMI_PASSWORD: SECRETS.password,
        // Short cache and upstream timeout so scripted failures show within a poll or two.
        CACHE_TTL_MS: '1000',
        EXACT_CACHE_TTL_MS: '1000',
        UPSTREAM_TIMEOUT_MS: '3000',
        CLIENT_MISS_BURST: '1000000',
        // The tests script fresh random sites the fake's recorded site list does not hold.
        ALLOW_UNLISTED_SITES: 'true',
      },
      reuseExistingServer: false,
    },
  ],
});
