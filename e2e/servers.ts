// Ports of the servers the e2e suite starts (playwright.config.ts `webServer`); all on 127.0.0.1.
// Below Linux's ephemeral range (32768+), so no client socket can hold these ports.
const base = Number(process.env.E2E_PORT_BASE) || 30_100;

export const UPSTREAM_PORT = base + 10;
export const DEMO_PORT = base + 73;
export const FIXTURE_PORT = base + 74;
/** The nginx e2e/public-embed.spec.ts starts in front of its own app. */
export const NGINX_PORT = base + 80;

/** The client build `npm run build` writes and the app servers serve. */
export const CLIENT_DIR = new URL('../dist/client', import.meta.url).pathname;
/** The production server `npm run build` writes: what `npm start` runs. */
export const SERVER_ENTRY = 'dist/server/main.js';

export const UPSTREAM_URL = `http://127.0.0.1:${UPSTREAM_PORT}`;
export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}`;
export const FIXTURE_URL = `http://127.0.0.1:${FIXTURE_PORT}`;

/** Credentials the fixture-mode proxy uses; the tests grep for them where they must never be. */
export const SECRETS = {
  username: 'fixture-admin',
  password: 'pw-9c1f4e7b-never-in-the-browser',
  token: 'tok-4f0d2a6e-never-in-the-browser',
};

export const SITES = {
  busy: '23119484-709c-44bf-994c-92f109bda03b',
  empty: '95b7680c-9158-4b84-b4ea-7ccc08cc94ea',
  /**
   * Not in the recorded site list: the fixture upstream answers its realtime with
   * aggregates/agg-busy-realtime.json and its exact routes with the aggregates recorded at the
   * same instant (sample 82 visitors, truth 11).
   */
  exact: 'c0ffee18-0a66-4e5b-9d1c-a66e1c3b5f18',
};

/**
 * The server environment of a test or benchmark server: no upstream, no token, no embedding,
 * on 127.0.0.1. Empty values override anything a developer's .env sets (the proxy treats empty
 * as unset).
 */
export const NO_UPSTREAM: Readonly<Record<string, string>> = {
  UMAMI_URL: '',
  UMAMI_API_KEY: '',
  UMAMI_USERNAME: '',
  UMAMI_PASSWORD: '',
  UMAMI_SHARE_URL: '',
  UMAMI_WEBSITE_IDS: '',
  DASHBOARD_TOKEN: '',
  FRAME_ANCESTORS: '',
  ALLOWED_HOSTS: '',
  HOST: '127.0.0.1',
};
