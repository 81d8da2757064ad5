import { expect, test, type Page } from '@playwright/test';
import { PERIOD_STATS, periodEventTotal } from './fixture-upstream.ts';
import { exactScenario, upstreamRequests, websiteId } from './helpers.ts';
import { startOfDay } from '../src/shared/zoned-time.ts';
import { FIXTURE_URL, SITES } from './servers.ts';

// Issue 19 through the real server against the fake Umami: today since midnight (Berlin) and
// its change against the same time yesterday or last week, the chart's faint line of the same
// minutes on that day, and the current minute drawn as unfinished.

const strip = (page: Page, key: 'views' | 'visitors' | 'events') => ({
  value: page.getByTestId(`today-${key}`),
  change: page.getByTestId(`today-change-${key}`),
});

test('today so far, each figure with its change against the same time yesterday', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/?website=${SITES.exact}`);
  await expect(strip(page, 'views').value).toHaveText('1,200');
  await expect(strip(page, 'views').change).toHaveText('+20%');
  await expect(strip(page, 'visitors').value).toHaveText(String(PERIOD_STATS.today.visitors));
  await expect(strip(page, 'visitors').change).toHaveText('+20%');
  await expect(strip(page, 'events').value).toHaveText(String(periodEventTotal('today')));
  await expect(strip(page, 'events').change).toHaveText('+20%');
  await expect(page.getByTestId('today')).toContainText('vs yesterday by this time');

  // Umami was asked for today since midnight in the dashboard's zone, and for yesterday's same span.
  const midnight = startOfDay(Date.now(), 'Europe/Berlin');
  const stats = (await upstreamRequests())
    .map((r) => new URL(r.url, 'http://x'))
    .filter((u) => u.pathname === `/api/websites/${SITES.exact}/stats` && u.searchParams.get('timezone') === 'Europe/Berlin');
  const starts = new Set(stats.map((u) => Number(u.searchParams.get('startAt'))));
  expect(starts).toContain(midnight);
  expect([...starts].some((start) => start < midnight - 22 * 3_600_000 && start > midnight - 26 * 3_600_000)).toBe(true);
});

test('compare=week sets today against the same day last week', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/?website=${SITES.exact}&compare=week`);
  await expect(strip(page, 'views').change).toHaveText('\u221220%');
  await expect(strip(page, 'visitors').change).toHaveText('\u221225%');
  await expect(strip(page, 'events').change).toHaveText('\u221230%');
  await expect(page.getByTestId('series-legend')).toContainText('Last week');
});

test('compare=off: today alone, no faint line', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/?website=${SITES.exact}&compare=off`);
  await expect(strip(page, 'views').value).toHaveText('1,200');
  await expect(page.getByTestId('series-chart').locator('[data-testid=series-line]')).toHaveCount(2);
  await expect(page.getByTestId('today-change-views')).toHaveCount(0);
  await expect(page.getByTestId('series-ghost')).toHaveCount(0);
});

test("the chart's faint line is yesterday's same minutes, named in the legend and the tooltip; the last minute is 'so far'", async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/?website=${SITES.exact}`);
  const chart = page.getByTestId('series-chart');
  await expect(chart.getByTestId('series-ghost')).toHaveCount(1);
  await expect(page.getByTestId('series-legend')).toContainText('Yesterday');
  await expect(chart.getByTestId('series-unfinished')).toHaveCount(2);

  const box = (await chart.locator('figure').boundingBox())!;
  // The right edge is the current minute.
  await page.mouse.move(box.x + box.width - 12, box.y + box.height / 2);
  await expect(page.getByTestId('series-tooltip')).toContainText('so far');
  // Further left, a finished minute with yesterday's count beside today's.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('series-tooltip')).toContainText(/yesterday \d{2}:\d{2}: \d+/);
  await expect(page.getByTestId('series-tooltip')).not.toContainText('so far');
  await expect(chart.locator('figure')).toHaveAttribute('aria-label', /Yesterday, the same minutes: \d+ views\./);
});

test("when today's route fails the strip says so and never shows 0; yesterday's failing only drops the change", async ({ page }) => {
  // A fresh site whose day windows answer the recorded numbers, but for the one route that fails.
  const failingToday = websiteId();
  await exactScenario(failingToday, ['recorded'], undefined, 'all');
  await exactScenario(failingToday, ['500'], 'stats', 'today');
  await page.goto(`${FIXTURE_URL}/?website=${failingToday}`);
  await expect(strip(page, 'views').value).toHaveText('–');
  await expect(strip(page, 'visitors').value).toHaveText('–');
  await expect(page.getByTestId('today').getByRole('status')).toHaveText('unavailable right now');
  await expect(strip(page, 'events').value).toHaveText(String(periodEventTotal('today')));

  const failingYesterday = websiteId();
  await exactScenario(failingYesterday, ['recorded'], undefined, 'all');
  await exactScenario(failingYesterday, ['500'], 'stats', 'yesterday');
  await page.goto(`${FIXTURE_URL}/?website=${failingYesterday}`);
  await expect(strip(page, 'views').value).toHaveText('1,200');
  await expect(strip(page, 'events').change).toHaveText('+20%');
  await expect(strip(page, 'views').change).toHaveCount(0);
});
