import { expect, test, type Page } from '@playwright/test';
import { scenario, websiteId } from './helpers.ts';
import { FIXTURE_URL } from './servers.ts';

// A site with a vast audience: ten-digit totals, lists and per-minute counts (the fixture's
// 'huge' step). Where space is short a count is written 9.9B, with the exact number in its title.

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

test('ten-digit counts fit every panel at 1280×720: compact, with the exact number in the title', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['huge']);
  await page.goto(`${FIXTURE_URL}/?website=${id}`);
  await expect(page.getByTestId('total-views')).toHaveText('9.88B');
  await expect(page.getByTestId('total-views')).toHaveAttribute('title', '9,876,543,210');
  await expect(page.getByTestId('top-pages').getByTestId('top-row').first()).toBeVisible();
  const firstCount = page.getByTestId('top-pages').getByTestId('top-row').first().getByRole('cell').first();
  await expect(firstCount).toHaveText(/^\d[\d.]*B$/);
  await expect(firstCount).toHaveAttribute('title', /^\d{1,3}(,\d{3}){3}$/);
  // Shares still add up to something: huge counts are not all 0 %.
  await expect(page.getByTestId('top-pages').getByTestId('top-row').first()).not.toContainText(/\b0%/);
  await expect(page.getByTestId('world-map').getByTestId('map-legend')).toBeVisible();
  expect(await overflow(page)).toEqual({ panels: [], totals: [], pageScrollsSideways: false });
});

test('six-digit and larger totals fit a 400×300 embed', async ({ page }) => {
  const id = websiteId();
  await scenario(id, ['huge']);
  await page.setViewportSize({ width: 400, height: 300 });
  await page.goto(`${FIXTURE_URL}/?website=${id}&embed&panels=totals,chart`);
  await expect(page.getByTestId('total-events')).toHaveText('988M');
  await expect(page.locator('[data-testid="series-chart"] svg.recharts-surface')).toBeVisible();
  expect(await overflow(page)).toEqual({ panels: [], totals: [], pageScrollsSideways: false });
});
