import { expect, test, type Page } from '@playwright/test';
import { DEMO_SITES } from '../src/server/demo/catalog.ts';
import { scenario, topRows, upstreamRequests, websiteId } from './helpers.ts';
import { DEMO_URL, FIXTURE_URL, UPSTREAM_URL } from './servers.ts';

// Issue 21, "A wall that speaks up", through the production server and the real proxy: event
// toasts, the chime, the silence alarm and filtered walls, against the fake Umami scripted per
// website (e2e/fixture-upstream.ts) and the demo source.

/** Resolves after the page has received `count` more realtime answers for `id`. */
function realtimeAnswers(page: Page, id: string, count: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const onResponse = (response: { url(): string }) => {
      if (!response.url().includes(`/api/realtime/${id}`)) return;
      seen += 1;
      if (seen >= count) {
        page.off('response', onResponse);
        resolve();
      }
    };
    page.on('response', onResponse);
  });
}

/** What the fake Umami received for one website, as path and parsed query. */
async function umamiCalls(id: string) {
  return (await upstreamRequests())
    .map((request) => new URL(request.url, UPSTREAM_URL))
    .filter((url) => url.pathname.includes(id))
    .map((url) => ({ path: url.pathname, query: url.searchParams }));
}

test.describe('event alerts', () => {
  test('a purchase after the page loaded: one toast with its page and country, gone after a while, never again', async ({ page }) => {
    const id = websiteId();
    await scenario(id, ['busy']);
    await page.goto(`${FIXTURE_URL}/?website=${id}&alert=purchase,signup-click&interval=5`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
    // The recording holds two purchases from before the page opened: no news.
    await expect(page.getByTestId('alert-toast')).toHaveCount(0);

    await scenario(id, ['purchase']);
    const toast = page.getByTestId('alert-toast');
    await expect(toast).toHaveCount(1);
    await expect(toast).toContainText('purchase');
    await expect(toast).toContainText('/checkout · Germany');
    await expect(toast).toHaveAttribute('data-count', '1');

    // Umami repeats the row on every poll: the toast neither grows nor comes back.
    await realtimeAnswers(page, id, 1);
    await expect(toast).toHaveAttribute('data-count', '1');
    await expect(toast).toHaveCount(0, { timeout: 15_000 });
    await realtimeAnswers(page, id, 2);
    await expect(toast).toHaveCount(0);
  });

  test('?sound chimes with Web Audio, no sound file; reduced motion keeps the toast still', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // Counts the notes the page starts, as a listener would hear them.
    await page.addInitScript(() => {
      const counter = window as unknown as { notesStarted: number };
      counter.notesStarted = 0;
      const create = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        const oscillator = create.call(this);
        const start = oscillator.start.bind(oscillator);
        oscillator.start = (when?: number) => {
          counter.notesStarted += 1;
          start(when);
        };
        return oscillator;
      };
    });
    const media: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'media' || /\.(mp3|ogg|wav|m4a|aac|webm)(\?|$)/.test(request.url())) media.push(request.url());
    });
    const id = websiteId();
    await scenario(id, ['busy']);
    await page.goto(`${FIXTURE_URL}/?website=${id}&alert=purchase&sound&interval=5&kiosk`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
    await scenario(id, ['purchase']);
    const toast = page.getByTestId('alert-toast');
    await expect(toast).toHaveCount(1);
    await expect(toast).toHaveCSS('animation-name', 'none');
    await expect.poll(() => page.evaluate(() => (window as unknown as { notesStarted: number }).notesStarted)).toBe(2);
    expect(media).toEqual([]);
  });

  test('without reduced motion the toast slides in', async ({ page }) => {
    const id = websiteId();
    await scenario(id, ['busy']);
    await page.goto(`${FIXTURE_URL}/?website=${id}&alert=purchase&interval=5`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
    await scenario(id, ['purchase']);
    await expect(page.getByTestId('alert-toast')).toHaveCSS('animation-name', 'pb-toast-in');
  });
});

test('silence alarm: appears when page views stop, clears itself when they return', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['silent']);
  await page.goto(`${FIXTURE_URL}/?website=${id}&silence=2&interval=5`);
  const banner = page.getByTestId('silence-banner');
  await expect(banner).toHaveText('No page views for 10 minutes — is tracking still working?');
  await scenario(id, ['busy']);
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('total-views')).toHaveText('96');
});

test('spike notice: shows while the last 5 minutes run far above the average, and goes when they do not', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['spike']);
  await page.goto(`${FIXTURE_URL}/?website=${id}&spike=3&interval=5`);
  const banner = page.getByTestId('spike-banner');
  await expect(banner).toHaveText(/^Traffic spike: 1\d\d page views in the last 5 minutes, \d+\.\d× the 30-minute average$/);
  await scenario(id, ['busy']);
  await expect(banner).toHaveCount(0);
});

test.describe('filtered walls', () => {
  const FILTER = 'path:/checkout,hostname:shop.example.com,country!:us,referrer~:google';

  test('every route asks Umami for the filtered traffic, in its form; the wall says so', async ({ page }) => {
    const id = websiteId();
    await page.goto(`${FIXTURE_URL}/?website=${id}&filter=${FILTER}`);
    await expect(page.getByTestId('filter-badge')).toHaveText('Filtered: Page is /checkout · Referrer contains google · Hostname is shop.example.com · Country is not US');

    const site = `/api/websites/${id}`;
    await expect
      .poll(async () => new Set((await umamiCalls(id)).map((call) => (call.path.endsWith('/metrics/expanded') ? `${call.path}?type=${call.query.get('type')}` : call.path))))
      .toEqual(
        // The day routes too: today's strip and the chart's faint line are filtered like the rest.
        new Set([`/api/realtime/${id}`, `${site}/stats`, `${site}/pageviews`, ...['path', 'referrer', 'country', 'event'].map((type) => `${site}/metrics/expanded?type=${type}`)]),
      );
    for (const { path, query } of await umamiCalls(id)) {
      expect([path, query.get('path'), query.get('referrer'), query.get('hostname'), query.get('country')]).toEqual([
        path,
        'eq./checkout',
        'c.google',
        'eq.shop.example.com',
        'neq.US',
      ]);
    }
    // Umami's /active ignores filters, so the proxy never asks it on a filtered wall.
    expect((await umamiCalls(id)).filter((call) => call.path.endsWith('/active'))).toEqual([]);
  });

  test('the options survive kiosk and rotation: both sites filtered, the badge stays', async ({ page }) => {
    const [a, b] = [websiteId(), websiteId()];
    await scenario(a, ['busy']);
    await scenario(b, ['busy']);
    await page.goto(`${FIXTURE_URL}/?websites=${a},${b}&rotate=5&kiosk&filter=country:de&alert=purchase&silence=5`);
    await expect(page.getByTestId('filter-badge')).toHaveText('Filtered: Country is DE');
    await expect(page.getByTestId('rotation-position')).toHaveText('2/2', { timeout: 15_000 });
    await expect(page.getByTestId('filter-badge')).toHaveText('Filtered: Country is DE');
    for (const id of [a, b]) {
      const realtime = (await umamiCalls(id)).filter((call) => call.path.startsWith('/api/realtime/'));
      expect(realtime.length).toBeGreaterThan(0);
      expect(realtime.every((call) => call.query.get('country') === 'eq.DE')).toBe(true);
    }
  });

  test('the options survive embed, and the Share panel carries them into both links', async ({ page }) => {
    const id = websiteId();
    await page.goto(`${FIXTURE_URL}/?website=${id}&embed&filter=event:purchase`);
    await expect(page.getByTestId('filter-badge')).toHaveText('Filtered: Event is purchase');
    await expect.poll(async () => (await umamiCalls(id)).some((call) => call.query.get('event') === 'eq.purchase')).toBe(true);

    await page.goto(`${FIXTURE_URL}/?website=${id}&filter=event:purchase&alert=purchase&sound&silence=15&spike=3`);
    await page.getByTestId('share-button').click();
    const options = 'filter=event:purchase&alert=purchase&sound&silence=15&spike=3';
    await expect(page.getByTestId('share-tv-url')).toHaveValue(`${FIXTURE_URL}/?website=${id}&kiosk&${options}`);
    expect(await page.getByTestId('share-iframe-snippet').inputValue()).toContain(`?website=${id}&amp;embed&amp;${options.replaceAll('&', '&amp;')}"`);
  });

  test('a filtered demo wall really narrows: only that page, and fewer views than the whole site', async ({ page }) => {
    const shop = DEMO_SITES[0]!;
    await page.goto(`${DEMO_URL}/?website=${shop.id}&panels=totals,pages`);
    await expect(page.getByTestId('total-views')).not.toHaveText('0');
    const views = async () => Number((await page.getByTestId('total-views').textContent())?.replace(/\D/g, ''));
    const all = await views();

    await page.goto(`${DEMO_URL}/?website=${shop.id}&panels=totals,pages&filter=path:/checkout`);
    await expect(page.getByTestId('filter-badge')).toHaveText('Filtered: Page is /checkout');
    const rows = await topRows(page, 'top-pages');
    expect(rows.map(([key]) => key)).toEqual(['/checkout']);
    const filtered = await views();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
  });
});
