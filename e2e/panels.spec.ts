import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { scenario, topRows, websiteId } from './helpers';
import { DEMO_URL, FIXTURE_URL, SITES } from './servers';

// What each panel shows for the recorded busy and empty responses, a malformed one, and an
// XSS attempt, through the real proxy against the fixture upstream.

const rows = (page: Page, panel: string) => page.getByTestId(panel).getByTestId('top-row');


/** A fresh website that replays the busy recording from now on, so its numbers are exact. */
async function busySite(): Promise<string> {
  const id = websiteId();
  await scenario(id, ['busy']);
  return id;
}

test.describe('busy recording', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${await busySite()}`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
  });

  test('top pages, referrers and countries: sorted by count, ties by label, with shares', async ({ page }) => {
    const pages = await topRows(page, 'top-pages');
    expect(pages.slice(0, 4)).toEqual([
      ['/products', 19],
      ['/', 16],
      ['/pricing', 12],
      ['/products/widget-pro', 12],
    ]);
    const referrers = await topRows(page, 'top-referrers');
    expect(referrers[0]).toEqual(['shop.example.com', 48]);
    // 6 each for three referrers: alphabetical.
    expect(referrers.slice(1, 4).map(([key]) => key)).toEqual(['duckduckgo.com', 'news.ycombinator.com', 't.co']);
    await expect(rows(page, 'top-referrers').first()).toContainText('65%'); // 48 of 74

    const countries = await topRows(page, 'top-countries');
    expect(countries[0]).toEqual(['DE', 2]);
    await expect(rows(page, 'top-countries').first()).toContainText('Germany');
    await expect(page.getByTestId('top-pages').getByRole('columnheader', { name: 'Page' })).toBeVisible();
  });

  test('the countries list alone shows every country, and the visitor Umami could not place as Unknown', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${await busySite()}&panels=countries`);
    await expect(rows(page, 'top-countries')).toHaveCount(11);
    const countries = await topRows(page, 'top-countries');
    expect(countries).toContainEqual(['unknown', 1]);
    expect(countries.reduce((sum, [, value]) => sum + value, 0)).toBe(12); // 12 sessions
  });

  test('world map: countries coloured with their visitors, unknown counted beside it', async ({ page }) => {
    const map = page.getByTestId('world-map');
    await expect(map.getByTestId('map-country-DE')).toHaveAttribute('data-value', '2');
    for (const code of ['US', 'GB', 'FR', 'JP', 'BR', 'IN', 'AU', 'CA', 'NL']) {
      await expect(map.getByTestId(`map-country-${code}`)).toHaveAttribute('data-value', '1');
    }
    await expect(map.locator('[data-testid^="map-country-"]')).toHaveCount(10);
    await expect(map.getByTestId('map-unknown')).toContainText('1');
    await expect(map.getByTestId('map-legend')).toBeVisible();
    await expect(map.getByRole('img')).toHaveAttribute('aria-label', /\u2068Germany\u2069 2/);
  });

  test('series chart: 30 minutes of views and visitors with a text alternative', async ({ page }) => {
    const chart = page.getByTestId('series-chart');
    await expect(chart.locator('figure')).toHaveAttribute('aria-label', /96 views/);
    await expect(chart.getByTestId('series-legend')).toContainText('Views');
    await expect(chart.getByTestId('series-legend')).toContainText('Visitors');
    await expect(chart.getByTestId('series-line')).toHaveCount(2);
  });

  test('event feed: newest first, readable words, filterable', async ({ page }) => {
    const feed = page.getByTestId('event-feed');
    const first = feed.getByTestId('event-row').first();
    await expect(first).toContainText('Page view');
    await expect(first).toContainText('/products');
    await expect(first).toContainText('Germany');
    await expect(first).toContainText('Chrome');
    await expect(first).toContainText('Windows 10');
    await expect(first).toContainText('Desktop');
    await expect(first).toContainText(/just now|\d+ s ago/);

    await page.getByRole('button', { name: 'Events' }).click();
    await expect(feed.getByTestId('event-row').first()).toContainText('Event');
    await expect(feed.getByTestId('event-row').filter({ hasText: 'Page view' })).toHaveCount(0);
    await page.getByRole('button', { name: 'All' }).click();
    await expect(feed.getByTestId('event-row').filter({ hasText: 'Page view' }).first()).toBeVisible();
  });

  test('event feed: the same rows across polls, never shown twice', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${await busySite()}&interval=5`);
    const feed = page.getByTestId('event-feed');
    await expect(feed.getByTestId('event-row').first()).toBeVisible();
    const ids = () => feed.getByTestId('event-row').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-id')));
    const before = await ids();
    const polls: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/realtime/')) polls.push(Date.now());
    });
    await expect.poll(() => polls.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const after = await ids();
    expect(after).toEqual(before);
    expect(new Set(after).size).toBe(after.length);
  });

  test('no serious accessibility violations', async ({ page }) => {
    await expect(page.getByTestId('map-country-DE')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  });
});

test('empty recording: every panel says there is nothing, nothing breaks', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/?website=${SITES.empty}`);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect(page.getByTestId('series-chart')).toContainText('No page views in the last 30 minutes');
  await expect(page.getByTestId('world-map')).toContainText('No visitors in the last 30 minutes');
  for (const panel of ['top-pages', 'top-referrers', 'top-countries']) {
    await expect(rows(page, panel)).toHaveCount(0);
  }
  await expect(page.getByTestId('event-row')).toHaveCount(0);
  await expect(page.getByTestId('skeleton')).toHaveCount(0);
});

test('malformed response after good data: every panel keeps its last frame', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['busy', 'malformed']);
  await page.goto(`${FIXTURE_URL}/?website=${id}&interval=5`);
  await expect(page.getByTestId('map-country-DE')).toHaveAttribute('data-value', '2');
  // The feed is its own chunk: count its rows once it shows them.
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  const feedRows = await page.getByTestId('event-row').count();
  await expect(page.getByTestId('error-message')).toHaveText(/cannot read/, { timeout: 20_000 });
  await expect(page.getByTestId('stale-badge')).toBeVisible();
  await expect(page.getByTestId('map-country-DE')).toHaveAttribute('data-value', '2');
  expect((await topRows(page, 'top-pages'))[0]).toEqual(['/products', 19]);
  expect(await page.getByTestId('event-row').count()).toBe(feedRows);
  await expect(page.getByTestId('series-chart').locator('figure')).toHaveAttribute('aria-label', /96 views/);
});

test('malformed response first: a message, skeletons, never a blank page', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['malformed']);
  await page.goto(`${FIXTURE_URL}/?website=${id}`);
  await expect(page.getByTestId('error-message')).toHaveText(/cannot read/);
  await expect(page.getByTestId('series-chart')).toBeVisible();
  await expect(page.getByTestId('event-feed')).toBeVisible();
});

test('a path full of markup is shown as text, never run', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['xss']);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto(`${FIXTURE_URL}/?website=${id}`);
  const path = '/<img src=x onerror=alert(1)>';
  const row = rows(page, 'top-pages').first();
  await expect(row).toHaveAttribute('data-key', path);
  await expect(row).toContainText(path);
  await expect(page.getByTestId('event-row').first()).toContainText(path);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
  [3840, 2160],
] as const) {
  test(`one screen without scrolling at ${width}×${height}, every panel in view`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto(`${DEMO_URL}/`);
    await expect(page.getByTestId('total-views')).toBeVisible();
    await expect(page.getByTestId('event-row').first()).toBeVisible();
    const { scrollHeight, scrollWidth } = await page.evaluate(() => ({
      scrollHeight: document.scrollingElement!.scrollHeight,
      scrollWidth: document.scrollingElement!.scrollWidth,
    }));
    expect(scrollHeight).toBeLessThanOrEqual(height);
    expect(scrollWidth).toBeLessThanOrEqual(width);
    for (const panel of ['totals', 'series-chart', 'world-map', 'top-pages', 'top-referrers', 'top-countries', 'event-feed']) {
      await expect(page.getByTestId(panel)).toBeInViewport({ ratio: 1 });
    }
    // SCREENSHOTS=1 npx playwright test e2e/panels.spec.ts  rewrites the README's screenshots.
    if (process.env.SCREENSHOTS === '1') {
      await expect(page.getByTestId('map-legend')).toBeVisible();
      await page.screenshot({ path: `e2e/screenshots/dashboard-${width}x${height}.png` });
    }
  });
}

test('demo dashboard has no serious accessibility violations either', async ({ page }) => {
  await page.goto(DEMO_URL);
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
});
