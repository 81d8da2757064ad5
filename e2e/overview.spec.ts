import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { planPolling } from '../src/api/poll-plan.ts';
import { DEMO_SITES } from '../src/server/demo/catalog.ts';
import { scenario, startApp, websiteId } from './helpers.ts';
import { DEMO_URL, FIXTURE_URL, SECRETS, SITES, UPSTREAM_URL } from './servers.ts';

// The overview wall (?overview) and combined sites (?websites=…&combine) of issue 20, through
// the production server: the demo source, and the recorded Umami (fixture) for fixed numbers.

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 1080, height: 1920 },
];

/** The app in front of the fake Umami, as the shared fixture server runs it. */
// ALLOW_UNLISTED_SITES: the scripted random sites are not in the fake's recorded site list.
const FIXTURE_ENV = { UMAMI_URL: UPSTREAM_URL, UMAMI_USERNAME: SECRETS.username, UMAMI_PASSWORD: SECRETS.password, CACHE_TTL_MS: '1000', EXACT_CACHE_TTL_MS: '1000', ALLOW_UNLISTED_SITES: 'true' };

const tile = (page: Page, id: string) => page.locator(`[data-testid="site-tile"][data-website-id="${id}"]`);

/** The numbers a tile and a site's own dashboard show, read at (nearly) the same moment. */
async function tileAndDashboard(wall: Page, dashboard: Page, id: string) {
  const [online, views, visitors, dOnline, dViews, dVisitors] = await Promise.all([
    tile(wall, id).getByTestId('tile-online').textContent(),
    tile(wall, id).getByTestId('tile-views').textContent(),
    tile(wall, id).getByTestId('tile-visitors').textContent(),
    dashboard.getByTestId('total-online').textContent(),
    dashboard.getByTestId('total-views').textContent(),
    dashboard.getByTestId('total-visitors').textContent(),
  ]);
  return { wall: { online, views, visitors }, dashboard: { online: dOnline, views: dViews, visitors: dVisitors } };
}

test.describe('overview wall', () => {
  test('the demo lists its sites as tiles, most online first, each with its figures', async ({ page }) => {
    expect(DEMO_SITES.length).toBeGreaterThanOrEqual(6);
    await page.goto(`${DEMO_URL}/?overview`);
    await expect(page.getByTestId('overview')).toBeVisible();
    await expect(page.getByTestId('site-tile')).toHaveCount(DEMO_SITES.length);
    for (const site of DEMO_SITES) await expect(tile(page, site.id).getByTestId('tile-online')).toHaveText(/^\d/);
    await expect(page.getByTestId('overview-cadence')).toHaveText('Updating every 10 s');
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    // Sorted by online now, from the numbers on screen.
    await expect(async () => {
      const online = (await page.getByTestId('tile-online').allTextContents()).map(Number);
      expect(online.every((n) => Number.isFinite(n))).toBe(true);
      expect(online).toEqual([...online].sort((a, b) => b - a));
    }).toPass();
    // The demo's sites differ in size: not every tile shows the same traffic.
    const views = (await page.getByTestId('tile-views').allTextContents()).map((t) => t.trim());
    expect(new Set(views).size).toBeGreaterThan(2);
  });

  test('README screenshot: the demo wall on a 1080p TV', async ({ page }) => {
    test.skip(process.env.SCREENSHOTS !== '1', 'SCREENSHOTS=1 rewrites the README screenshot');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${DEMO_URL}/?overview&kiosk`);
    await expect(page.getByTestId('tile-top-page')).toHaveCount(DEMO_SITES.length);
    for (const site of DEMO_SITES) await expect(tile(page, site.id).getByTestId('tile-visitors')).toHaveText(/^\d/);
    await page.screenshot({ path: 'e2e/screenshots/overview-1920x1080.png' });
  });

  test('a tile shows the same numbers as its site’s own dashboard at the same moment (demo)', async ({ page, context }) => {
    const shop = DEMO_SITES.find((s) => s.name === 'Demo Shop')!;
    await page.goto(`${DEMO_URL}/?overview&lang=en-US`);
    const dashboard = await context.newPage();
    await dashboard.goto(`${DEMO_URL}/?website=${shop.id}&lang=en-US`);
    await expect(tile(page, shop.id).getByTestId('tile-visitors')).toHaveText(/^\d/);
    await expect(dashboard.getByTestId('total-visitors')).toHaveText(/^\d/);
    await expect(async () => {
      const { wall, dashboard: own } = await tileAndDashboard(page, dashboard, shop.id);
      expect(wall).toEqual(own);
    }).toPass({ timeout: 30_000 });
  });

  test('tiles and dashboards agree on the recorded Umami, exact figures and samples alike', async ({ page, context }) => {
    const ids = [SITES.exact, SITES.busy];
    await page.goto(`${FIXTURE_URL}/?overview&websites=${ids.join(',')}`);
    const dashboard = await context.newPage();
    for (const id of ids) {
      await dashboard.goto(`${FIXTURE_URL}/?website=${id}`);
      await expect(dashboard.getByTestId('total-visitors')).toHaveText(/^\d/);
      await expect(tile(page, id).getByTestId('tile-visitors')).toHaveText(/^\d/);
      const { wall, dashboard: own } = await tileAndDashboard(page, dashboard, id);
      expect(wall).toEqual(own);
    }
    // The page most viewed is the dashboard's first page row.
    await dashboard.goto(`${FIXTURE_URL}/?website=${SITES.exact}`);
    const firstPage = dashboard.getByTestId('top-pages').getByTestId('top-row').first();
    await expect(firstPage).toBeVisible();
    await expect(tile(page, SITES.exact).getByTestId('tile-top-page')).toHaveText((await firstPage.getAttribute('data-key'))!);
  });

  for (const theme of ['dark', 'light']) {
    test(`the wall passes axe (${theme} theme), samples and stale tiles included`, async ({ page }) => {
      const ids = [SITES.exact, SITES.busy, websiteId()];
      await scenario(ids[2]!, ['500']);
      await page.goto(`${FIXTURE_URL}/?overview&theme=${theme}&websites=${ids.join(',')}`);
      await expect(tile(page, SITES.busy).getByTestId('tile-online')).toHaveAttribute('data-sample', 'true');
      await expect(tile(page, ids[2]!).getByTestId('tile-stale')).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${n.failureSummary}`))).toEqual([]);
    });
  }

  test('a tile opens its site’s dashboard, keeping the other options', async ({ page }) => {
    const site = DEMO_SITES[0]!;
    await page.goto(`${DEMO_URL}/?overview&kiosk&theme=light&lang=de-DE`);
    await tile(page, site.id).click();
    await expect(page).toHaveURL(`${DEMO_URL}/?website=${site.id}&kiosk&theme=light&lang=de-DE`);
    await expect(page.getByTestId('totals')).toBeVisible();
  });

  for (const count of [1, 6, 30]) {
    for (const size of SIZES) {
      test(`${count} sites fit one ${size.width}×${size.height} screen without scrolling`, async ({ page }, testInfo) => {
        test.setTimeout(90_000);
        const ids = Array.from({ length: count }, () => websiteId());
        // A wall with a few busy sites among quiet ones.
        await Promise.all(ids.map((id, i) => scenario(id, [i % 3 === 0 ? 'busy' : 'empty'])));
        await page.setViewportSize(size);
        // Its own server: 30 new sites from one address would spend the shared test server's per-client allowance.
        const app = await startApp(FIXTURE_ENV);
        try {
          await page.goto(`${app.url}/?overview&kiosk&websites=${ids.join(',')}`);
          await expect(page.getByTestId('site-tile')).toHaveCount(count);
          // Online now and visitors come from the exact routes, which may answer after the views.
          for (const id of ids) {
            for (const figure of ['tile-views', 'tile-online', 'tile-visitors']) await expect(tile(page, id).getByTestId(figure)).toHaveText(/^\d/);
          }

          const layout = await page.evaluate(() => {
            const root = document.scrollingElement!;
            const rect = (el: Element) => el.getBoundingClientRect();
            const tiles = Array.from(document.querySelectorAll('[data-testid="site-tile"]')).map((t) => {
              const box = rect(t);
              const parts = ['tile-online', 'tile-views', 'tile-visitors'].map((id) => rect(t.querySelector(`[data-testid="${id}"]`)!));
              const inside = parts.every((p) => p.left >= box.left - 0.5 && p.right <= box.right + 0.5 && p.top >= box.top - 0.5 && p.bottom <= box.bottom + 0.5);
              const onlineSize = Number.parseFloat(getComputedStyle(t.querySelector('[data-testid="tile-online"]')!).fontSize);
              return { box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom }, inside, onlineSize };
            });
            return { scrollW: root.scrollWidth, scrollH: root.scrollHeight, w: innerWidth, h: innerHeight, tiles };
          });
          expect(layout.scrollW).toBeLessThanOrEqual(layout.w);
          expect(layout.scrollH).toBeLessThanOrEqual(layout.h);
          for (const t of layout.tiles) {
            expect(t.box.left).toBeGreaterThanOrEqual(0);
            expect(t.box.top).toBeGreaterThanOrEqual(0);
            expect(t.box.right).toBeLessThanOrEqual(layout.w);
            expect(t.box.bottom).toBeLessThanOrEqual(layout.h);
            // Every figure is whole inside its tile, and the online count big enough to read at a distance.
            expect(t.inside).toBe(true);
            expect(t.onlineSize).toBeGreaterThanOrEqual(Math.min(size.width, size.height) / 40);
          }
          if (process.env.OVERVIEW_SHOTS) await page.screenshot({ path: testInfo.outputPath(`overview-${count}-${size.width}x${size.height}.png`) });
        } finally {
          await app.close();
        }
      });
    }
  }

  test('a budget too small for every site stretches the interval, and the wall says so', async ({ page }) => {
    const app = await startApp({ ...FIXTURE_ENV, UPSTREAM_BUDGET: '40/15' });
    try {
      const ids = Array.from({ length: 24 }, () => websiteId());
      const plan = planPolling({ sites: 24, exactRoutes: 3, intervalMs: 10_000, exactIntervalMs: 30_000, budget: { limit: 40, windowMs: 15_000 } });
      await page.goto(`${app.url}/?overview&kiosk&websites=${ids.join(',')}`);
      await expect(page.getByTestId('overview-cadence')).toHaveText(`Updating every ${plan.intervalMs / 1000} s for 24 sites`);
      // Polls are spread over the interval: in the first seconds only the sites whose slot has come are asked.
      const asked = new Set<string>();
      page.on('request', (request) => {
        const match = /\/api\/realtime\/([^/?]+)/.exec(request.url());
        if (match?.[1]) asked.add(match[1]);
      });
      await page.waitForTimeout(plan.intervalMs / 4);
      expect(asked.size).toBeGreaterThan(0);
      expect(asked.size).toBeLessThan(24);
    } finally {
      await app.close();
    }
  });
});

test.describe('combined sites', () => {
  test('sums the sites’ totals, says which are a sum of sites, and names each feed row’s site', async ({ page, context }) => {
    const ids = [SITES.exact, SITES.busy];
    const single = await context.newPage();
    const views: number[] = [];
    for (const id of ids) {
      await single.goto(`${FIXTURE_URL}/?website=${id}`);
      await expect(single.getByTestId('total-views')).toHaveText(/^\d+$/);
      views.push(Number(await single.getByTestId('total-views').textContent()));
    }
    await page.goto(`${FIXTURE_URL}/?websites=${ids.join(',')}&combine`);
    await expect(page.getByTestId('total-views')).toHaveText(String(views[0]! + views[1]!));
    await expect(page.getByTestId('totals').getByTestId('sum-of-sites')).toHaveCount(2);
    await expect(page.getByTestId('rotation-position')).toHaveCount(0);
    await expect(page.getByTestId('site-name')).toContainText('Busy Demo Site');
    // The feed is a lazy panel: its rows come after the totals.
    await expect(page.getByTestId('event-feed').getByTestId('event-site').first()).toBeVisible();
    const sites = await page.getByTestId('event-feed').getByTestId('event-site').allTextContents();
    expect(sites.length).toBeGreaterThan(0);
    expect(new Set(sites)).toEqual(new Set([SITES.exact, 'Busy Demo Site']));
    // Pages carry their site's name; referrers are added up across sites.
    const pages = page.getByTestId('top-pages').getByTestId('top-row');
    await expect(pages.first()).toHaveAttribute('data-key', /^\u2068(Busy Demo Site|c0ffee18-[0-9a-f-]+)\u2069 · \u2068\//);
  });

  test('combined demo sites match the sum of their own dashboards', async ({ page, context }) => {
    const [a, b] = DEMO_SITES;
    await page.goto(`${DEMO_URL}/?websites=${a!.id},${b!.id}&combine&lang=en-US`);
    const pa = await context.newPage();
    const pb = await context.newPage();
    await pa.goto(`${DEMO_URL}/?website=${a!.id}&lang=en-US`);
    await pb.goto(`${DEMO_URL}/?website=${b!.id}&lang=en-US`);
    await expect(async () => {
      const read = (p: Page, id: string) => p.getByTestId(id).textContent().then((t) => Number((t ?? '').replace(/,/g, '')));
      const [sum, x, y] = await Promise.all([read(page, 'total-views'), read(pa, 'total-views'), read(pb, 'total-views')]);
      expect(sum).toBe(x + y);
      const [vSum, vx, vy] = await Promise.all([read(page, 'total-visitors'), read(pa, 'total-visitors'), read(pb, 'total-visitors')]);
      expect(vSum).toBe(vx + vy);
    }).toPass({ timeout: 30_000 });
  });
});
