import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { scenario, startApp, totals, upstreamRequests, websiteId } from './helpers.ts';
import { DEMO_SITES } from '../src/server/demo/catalog.ts';
import { DEMO_URL, FIXTURE_URL, SECRETS, SITES, UPSTREAM_URL } from './servers.ts';
import type { Step } from './fixture-upstream.ts';

test.describe('demo source', () => {
  test('a fresh start shows a live demo dashboard with a demo badge', async ({ page }) => {
    await page.goto(DEMO_URL);
    await expect(page.getByTestId('demo-badge')).toHaveText('Demo data');
    await expect(page.getByTestId('total-views')).toHaveText(/^[1-9][\d,]*$/);
    await expect(page.getByTestId('total-visitors')).toHaveText(/^[1-9][\d,]*$/);
    await expect(page.getByTestId('error-message')).toHaveCount(0);
    await expect(page.getByTestId('site-name')).not.toBeEmpty();
  });

  test('the demo lists its sites one click away', async ({ page }) => {
    await page.goto(DEMO_URL);
    await page.getByRole('link', { name: 'All sites' }).click();
    await expect(page.getByTestId('site-picker')).toBeVisible();
    await expect(page.getByTestId('site-picker-item')).toHaveCount(DEMO_SITES.length);
  });
});

/**
 * The busy recording's totals. Its Umami answers no exact route, so visitors, events and countries
 * are the realtime sample's (each marked): its 12 distinct visitors, not Umami's per-minute sum of 57.
 */
const SAMPLE_TOTALS = { views: '96', visitors: '12', events: '22', countries: '10' };

test.describe('fixture upstream (recorded Umami 3.1 responses)', () => {
  test('renders the recorded totals and asks Umami as its API documents', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
    await expect(page.getByTestId('sample-badge')).toHaveCount(8); // four totals, the map and three lists
    expect(await totals(page)).toEqual(SAMPLE_TOTALS);
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);

    const realtime = (await upstreamRequests()).filter((r) => r.url.startsWith(`/api/realtime/${SITES.busy}`));
    expect(realtime.length).toBeGreaterThan(0);
    const query = new URL(realtime.at(-1)!.url, 'http://x').searchParams;
    expect(query.get('timezone')).toBe('Europe/Berlin');
    const startAt = Number(query.get('startAt'));
    const endAt = Number(query.get('endAt'));
    expect(endAt - startAt).toBe(30 * 60 * 1000);
    expect(Math.abs(endAt - Date.now())).toBeLessThan(60_000);
    expect(realtime.at(-1)!.headers.authorization).toBe(`Bearer ${SECRETS.token}`);
  });

  test('an empty website says so instead of showing zeros alone', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${SITES.empty}`);
    await expect(page.getByTestId('empty-state')).toHaveText('No visitors in the last 30 minutes');
    await expect(page.getByTestId('total-views')).toHaveText('0');
  });

  const failures: { step: Step; message: RegExp }[] = [
    // Umami 3.1 answers 401 (never 404) for a website the account cannot see; the proxy's fresh
    // login succeeds, so it knows the credentials are fine and says so.
    { step: '401', message: /does not know this website/ },
    { step: '429', message: /rate limiting/ },
    { step: '404', message: /does not know this website/ },
    { step: '500', message: /answered with an error/ },
    { step: 'timeout', message: /taking too long/ },
    { step: 'malformed', message: /cannot read/ },
    { step: 'garbage', message: /cannot read/ },
    { step: 'down', message: /cannot be reached/ },
  ];
  for (const { step, message } of failures) {
    test(`upstream ${step}: a clear message, and the last frame stays, marked stale`, async ({ page }) => {
      const id = websiteId();
      await scenario(id, ['busy', step]);
      await page.goto(`${FIXTURE_URL}/?website=${id}&interval=5`);
      await expect(page.getByTestId('total-views')).toHaveText('96');
      await expect(page.getByTestId('stale-badge')).toHaveCount(0);

      await expect(page.getByTestId('error-message')).toHaveText(message, { timeout: 20_000 });
      await expect(page.getByTestId('stale-badge')).toBeVisible();
      await expect(page.getByTestId('stale-badge')).toHaveText(/Stale · (a moment|\d+ s) ago/);
      expect(await totals(page)).toEqual(SAMPLE_TOTALS);
    });
  }

  test('an error on the very first poll shows the message, never a blank page', async ({ page }) => {
    const id = websiteId();
    await scenario(id, ['500']);
    await page.goto(`${FIXTURE_URL}/?website=${id}`);
    await expect(page.getByTestId('error-message')).toHaveText(/answered with an error/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Pulseboard');
  });

  test('recovers when upstream comes back', async ({ page }) => {
    const id = websiteId();
    // Two 500s: the proxy asks once more without the time zone (Umami's answer to a zone it
    // does not know), then the page shows the error until Umami is back.
    await scenario(id, ['500', '500', 'busy']);
    await page.goto(`${FIXTURE_URL}/?website=${id}&interval=5`);
    await expect(page.getByTestId('error-message')).toBeVisible();
    await expect(page.getByTestId('total-views')).toHaveText('96', { timeout: 20_000 });
    await expect(page.getByTestId('error-message')).toHaveCount(0);
    await expect(page.getByTestId('stale-badge')).toHaveCount(0);
  });
});

test('a wrong password: the page says the credentials were refused', async ({ page }) => {
  const app = await startApp({ UMAMI_URL: UPSTREAM_URL, UMAMI_USERNAME: SECRETS.username, UMAMI_PASSWORD: 'not-the-password' });
  try {
    await page.goto(`${app.url}/?website=${SITES.busy}`);
    await expect(page.getByTestId('error-message')).toHaveText(/refused the credentials/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  } finally {
    await app.close();
  }
});

test.describe('no secret reaches the browser', () => {
  const secrets = Object.values(SECRETS);

  test('no request or response of the page carries a secret', async ({ page }) => {
    const seen: string[] = [];
    page.on('request', (request) => {
      seen.push(request.url(), JSON.stringify(request.headers()), request.postData() ?? '');
    });
    page.on('response', async (response) => {
      seen.push(JSON.stringify(await response.allHeaders()));
      seen.push(await response.text().catch(() => ''));
    });
    const failing = websiteId();
    await scenario(failing, ['401']);
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
    await page.goto(`${FIXTURE_URL}/?website=${failing}`);
    await expect(page.getByTestId('error-message')).toBeVisible();
    await page.goto(`${FIXTURE_URL}/api/websites`);
    await page.goto(`${FIXTURE_URL}/healthz`);

    expect(seen.length).toBeGreaterThan(10);
    const all = seen.join('\n');
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(await page.content()).not.toContain(SECRETS.password);
  });

  test('the built assets contain no secret and no upstream address', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    // What browsers can get: the client build (dist/server is Node code that is never served).
    walk('dist/client');
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      for (const secret of secrets) expect(text, file).not.toContain(secret);
      expect(text, file).not.toContain('api.umami.is');
    }
  });
});

test.describe('host names', () => {
  const get = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const url = new URL(DEMO_URL);
      request({ host: url.hostname, port: url.port, path: '/', headers: { host: `${host}:${url.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });

  test('the server answers the names in ALLOWED_HOSTS and refuses others (DNS rebinding)', async () => {
    expect(await get('pulse.test')).toBe(200);
    expect(await get('127.0.0.1')).toBe(200);
    expect(await get('evil.test')).toBe(403);
  });
});
