import { expect, test } from '@playwright/test';
import { exactScenario, scenario, topRows, websiteId } from './helpers.ts';
import { FIXTURE_URL, SITES } from './servers.ts';

// The page against the instant recorded from a real Umami 3.1 (aggregates README): the realtime
// answer says 82 visitors, 0 events and 3 countries; Umami's exact routes say 11, 39 and 9.

test("every total, list and map value is Umami's exact figure, none marked as a sample", async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/?website=${SITES.exact}`);
  await expect(page.getByTestId('total-visitors')).toHaveText('11');
  await expect(page.getByTestId('total-events')).toHaveText('39');
  await expect(page.getByTestId('total-countries')).toHaveText('9');
  await expect(page.getByTestId('total-online')).toHaveText('4');
  await expect(page.getByTestId('total-views')).toHaveText('228');

  expect((await topRows(page, 'top-pages')).slice(0, 3)).toEqual([
    ['/products', 61],
    ['/', 50],
    ['/pricing', 42],
  ]);
  await expect(page.getByTestId('top-referrers').getByRole('columnheader', { name: 'Visitors' })).toBeVisible();
  // Umami's referrer rows leave out the site's own domain, which the sample counted 50 times.
  expect((await topRows(page, 'top-referrers')).map(([key]) => key)).not.toContain('shop.example.com');
  expect((await topRows(page, 'top-countries'))[0]).toEqual(['DE', 2]);
  await expect(page.getByTestId('world-map').getByTestId('map-country-NL')).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('sample-badge')).toHaveCount(0);

  // On its own the countries list has room for all nine.
  await page.goto(`${FIXTURE_URL}/?website=${SITES.exact}&panels=countries`);
  await expect(page.getByTestId('top-countries').getByTestId('top-row')).toHaveCount(9);
});

test('each total says what it counts on hover', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/?website=${SITES.exact}`);
  await expect(page.getByTestId('total-visitors')).toHaveText('11');
  const tooltip = page.getByTestId('totals').getByRole('tooltip').filter({ hasText: 'Unique visitors' });
  await expect(tooltip).toBeHidden();
  await page.getByTestId('totals').getByText('Visitors', { exact: true }).hover();
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toHaveText('Unique visitors in the last 30 minutes.');
});

test('a refused exact route: that figure falls back to the realtime sample, plainly marked, and comes back', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['exact']);
  await exactScenario(id, ['recorded']);
  await exactScenario(id, ['401'], 'stats');
  await page.goto(`${FIXTURE_URL}/?website=${id}&exact=10`);

  const visitors = page.getByTestId('totals').locator('div', { has: page.getByTestId('total-visitors') }).last();
  await expect(visitors.getByTestId('sample-badge')).toBeVisible();
  // Distinct visitors of the latest 100 events: never Umami's per-minute sum of 82.
  expect(Number(await page.getByTestId('total-visitors').textContent())).toBeLessThanOrEqual(11);
  await expect(page.getByTestId('total-events')).toHaveText('39');
  await expect(page.getByTestId('sample-badge')).toHaveCount(1);

  await exactScenario(id, ['recorded'], 'stats');
  await expect(page.getByTestId('total-visitors')).toHaveText('11', { timeout: 25_000 });
  await expect(page.getByTestId('sample-badge')).toHaveCount(0);
});

test('an Umami without the exact routes: lists and map show the sample, each marked', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['busy']);
  await page.goto(`${FIXTURE_URL}/?website=${id}`);
  for (const panel of ['top-pages', 'top-referrers', 'top-countries', 'world-map']) {
    await expect(page.getByTestId(panel).getByTestId('sample-badge')).toHaveText(/latest 100 events/);
  }
  // The sample's referrers count views, and the column says so.
  await expect(page.getByTestId('top-referrers').getByRole('columnheader', { name: 'Views' })).toBeVisible();
  await expect(page.getByTestId('total-views')).toHaveText('96');
});
