import { expect, test, type Page } from '@playwright/test';
import { exactScenario, scenario, websiteId } from './helpers.ts';
import { FIXTURE_URL } from './servers.ts';

// A site with a vast audience: ten-digit totals, lists and per-minute counts (the fixture's
// 'huge' step, realtime and exact). Where space is short a count is written 9.9B, with the
// exact number in its title.

/** Panels whose content is wider than the panel, and whether the page scrolls sideways. */
function overflow(page: Page) {
  return page.evaluate(() => ({
    panels: Array.from(document.querySelectorAll<HTMLElement>('section[data-testid]'))
      .filter((panel) => panel.scrollWidth > panel.clientWidth + 1)
      .map((panel) => panel.dataset.testid),
    totals: Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="total-"]'))
      .filter((value) => value.getBoundingClientRect().right > value.closest('.pb-total')!.getBoundingClientRect().right + 1)
      .map((value) => value.dataset.testid),
    pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
  }));
}

/**
 * Every number the panels show that is not fully in sight: cut by its panel or by a box that
 * clips it (a truncated cell, the panel's edge), or reaching out of its panel.
 */
function cutNumbers(page: Page) {
  return page.evaluate(() => {
    const numbers = document.querySelectorAll<Element>(
      '[data-testid^="total-"], [data-testid^="today-"], [data-testid="top-row"] td, [data-testid="map-legend"] li, [data-testid="map-unknown"], [data-testid="series-y-tick"]',
    );
    return Array.from(numbers).flatMap((el) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0) return [];
      const name = `${el.getAttribute('data-testid') ?? el.tagName.toLowerCase()} "${el.textContent}"`;
      // A box (a table cell) whose own text is wider than it.
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) return [name];
      for (let up = el.parentElement; up; up = up.parentElement) {
        const clips = up.matches('section[data-testid]') || getComputedStyle(up).overflowX !== 'visible';
        if (!clips) continue;
        const edge = up.getBoundingClientRect();
        if (box.left < edge.left - 1 || box.right > edge.right + 1) return [name];
        if (up.matches('section[data-testid]')) break;
      }
      return [];
    });
  });
}

async function hugeSite(): Promise<string> {
  const id = websiteId();
  await scenario(id, ['huge']);
  await exactScenario(id, ['huge']);
  await exactScenario(id, ['huge'], undefined, 'all');
  return id;
}

test('ten-digit counts fit every panel at 1280×720: compact, with the exact number in the title', async ({ page }) => {
  const id = await hugeSite();
  await page.goto(`${FIXTURE_URL}/?website=${id}`);
  await expect(page.getByTestId('total-views')).toHaveText('9.88B');
  await expect(page.getByTestId('total-views')).toHaveAttribute('title', '9,876,543,210');
  // Umami's exact figures are huge too: 11 visitors × 123,456,789.
  await expect(page.getByTestId('total-visitors')).toHaveText('1.36B');
  await expect(page.getByTestId('total-visitors')).toHaveAttribute('title', '1,358,024,679');
  // The day so far: 1,200 views × 123,456,789.
  await expect(page.getByTestId('today-views')).toHaveText('148B');
  await expect(page.getByTestId('today-views')).toHaveAttribute('title', '148,148,146,800');
  await expect(page.getByTestId('top-pages').getByTestId('top-row').first()).toBeVisible();
  const firstCount = page.getByTestId('top-pages').getByTestId('top-row').first().getByRole('cell').first();
  await expect(firstCount).toHaveText(/^\d[\d.]*B$/);
  await expect(firstCount).toHaveAttribute('title', /^\d{1,3}(,\d{3}){3}$/);
  // Shares still add up to something: huge counts are not all 0 %.
  await expect(page.getByTestId('top-pages').getByTestId('top-row').first()).not.toContainText(/\b0%/);
  await expect(page.getByTestId('world-map').getByTestId('map-legend')).toBeVisible();
  await expect(page.getByTestId('series-y-tick').first()).toBeVisible();
  expect(await overflow(page)).toEqual({ panels: [], totals: [], pageScrollsSideways: false });
  expect(await cutNumbers(page)).toEqual([]);
});

test('six-digit and larger totals fit a 400×300 embed', async ({ page }) => {
  const id = await hugeSite();
  await page.setViewportSize({ width: 400, height: 300 });
  await page.goto(`${FIXTURE_URL}/?website=${id}&embed&panels=totals,chart`);
  await expect(page.getByTestId('total-events')).toHaveText(/^\d[\d.]*[KMB]$/);
  await expect(page.locator('[data-testid="series-chart"] svg.recharts-surface')).toBeVisible();
  expect(await overflow(page)).toEqual({ panels: [], totals: [], pageScrollsSideways: false });
  expect(await cutNumbers(page)).toEqual([]);
});

/** Each panel alone, and what shows it has its numbers (compact, the exact one in a title). */
const PANELS: { id: string; ready: (page: Page) => Promise<void> }[] = [
  { id: 'totals', ready: async (page) => void (await expect(page.getByTestId('total-views')).toHaveAttribute('title', '9,876,543,210')) },
  { id: 'today', ready: async (page) => void (await expect(page.getByTestId('today-views')).toHaveAttribute('title', '148,148,146,800')) },
  { id: 'chart', ready: async (page) => void (await expect(page.getByTestId('series-y-tick').last()).toHaveText(/[KMB]$/)) },
  { id: 'map', ready: async (page) => void (await expect(page.getByTestId('map-legend')).toContainText(/[KMB]/)) },
  ...(['pages', 'referrers', 'countries'] as const).map((id) => ({
    id,
    ready: async (page: Page) => {
      const count = page.getByTestId(`top-${id}`).getByTestId('top-row').first().getByRole('cell').first();
      await expect(count).toHaveText(/^\d[\d.]*[KMB]$/);
      await expect(count).toHaveAttribute('title', /^\d{1,3}(,\d{3})+$/);
    },
  })),
  { id: 'events', ready: async (page) => void (await expect(page.getByTestId('event-row').first()).toBeVisible()) },
];

for (const { id: panel, ready } of PANELS) {
  test(`six-digit and larger counts fit the ${panel} panel alone in a 400×300 embed`, async ({ page }) => {
    const id = await hugeSite();
    await page.setViewportSize({ width: 400, height: 300 });
    await page.goto(`${FIXTURE_URL}/?website=${id}&embed&panels=${panel}`);
    await ready(page);
    await expect(page.getByTestId('skeleton')).toHaveCount(0);
    expect(await overflow(page)).toEqual({ panels: [], totals: [], pageScrollsSideways: false });
    expect(await cutNumbers(page)).toEqual([]);
  });
}

test('1e308 in the realtime answer does not make the page wider than the screen', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['vast']);
  await page.goto(`${FIXTURE_URL}/?website=${id}`);
  await expect(page.getByTestId('total-views')).toHaveAttribute('title', /^\d{1,3}(,\d{3})+$/);
  await expect(page.getByTestId('top-pages').getByTestId('top-row').first()).toBeVisible();
  await expect(page.getByTestId('series-y-tick').first()).toBeVisible();
  // Every page is as big as the next: equal shares, none of them 0 %.
  await expect(page.getByTestId('top-pages').getByTestId('top-row').first()).not.toContainText(/\b0%/);
  expect(await overflow(page)).toEqual({ panels: [], totals: [], pageScrollsSideways: false });
  expect(await cutNumbers(page)).toEqual([]);
});
