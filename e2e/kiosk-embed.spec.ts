import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_SITES } from '../src/server/demo/catalog.ts';
import { startApp, upstreamRequests, websiteId } from './helpers.ts';
import { FIXTURE_URL, SITES } from './servers.ts';

// Every URL parameter of the issue "Made for the wall and the iframe", against the recorded
// Umami (fixture) server: valid values do what they say, invalid ones warn on the console and
// fall back. The iframe tests start their own servers on 127.0.0.1 (port 0): a host page on
// another origin, and the app with FRAME_ANCESTORS allowing it.
//
// SCREENSHOTS=1 npx playwright test e2e/kiosk-embed.spec.ts  rewrites the README screenshots.

const SCREENSHOTS = process.env.SCREENSHOTS === '1';
const SCREENSHOT_DIR = 'e2e/screenshots';
const BUSY = 'Busy Demo Site';
const QUIET = 'Quiet Demo Site';
const ALL_PANELS = ['totals', 'series-chart', 'world-map', 'top-pages', 'top-referrers', 'top-countries', 'event-feed'];

/** Console warnings the app prints for URL parameters it ignores. */
function collectWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('[pulseboard]')) warnings.push(message.text());
  });
  return warnings;
}

/** Realtime calls the page makes, by website id. */
function collectRealtimeCalls(page: Page): Map<string, number> {
  const calls = new Map<string, number>();
  page.on('request', (request) => {
    const match = /\/api\/realtime\/([^/?]+)/.exec(request.url());
    if (match?.[1]) calls.set(match[1], (calls.get(match[1]) ?? 0) + 1);
  });
  return calls;
}

/** Panel test ids in the order they appear on the page. */
async function panelOrder(page: Page): Promise<string[]> {
  return page.evaluate((ids) => {
    const found = Array.from(document.querySelectorAll('section[data-testid]')).map((el) => el.getAttribute('data-testid') ?? '');
    return found.filter((id) => ids.includes(id));
  }, ALL_PANELS);
}

async function cssOf(page: Page, selector: string, property: string): Promise<string> {
  return page.locator(selector).evaluate((el, prop) => getComputedStyle(el).getPropertyValue(prop), property);
}

test.describe('URL parameters', () => {
  test('website= shows that site by name', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}`);
    await expect(page.getByTestId('site-name')).toHaveText(BUSY);
    await expect(page.getByTestId('total-views')).toHaveText('96');
  });

  test('no website and two sites: the picker links each site to its dashboard, TV and embed views', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?theme=light`);
    const picker = page.getByTestId('site-picker');
    await expect(picker).toBeVisible();
    const items = picker.getByTestId('site-picker-item');
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText(BUSY);
    await expect(items.nth(0)).toContainText('shop.example.com');
    await expect(items.nth(1)).toContainText(QUIET);
    await expect(items.nth(1)).toContainText('quiet.example.org');
    // Links keep the rest of the query (here the theme).
    await expect(items.nth(1).getByRole('link', { name: 'TV' })).toHaveAttribute('href', `${FIXTURE_URL}/?website=${SITES.empty}&kiosk&theme=light`);
    await expect(items.nth(1).getByRole('link', { name: 'Embed' })).toHaveAttribute('href', `${FIXTURE_URL}/?website=${SITES.empty}&embed&theme=light`);

    await items.nth(0).getByRole('link', { name: 'Dashboard' }).click();
    await expect(page).toHaveURL(`${FIXTURE_URL}/?website=${SITES.busy}&theme=light`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
    await expect(page.getByTestId('site-picker')).toHaveCount(0);
  });

  test('websites= with rotate= cycles through the sites, each one kept warm', async ({ page }) => {
    const calls = collectRealtimeCalls(page);
    await page.goto(`${FIXTURE_URL}/?websites=${SITES.busy},${SITES.empty}&rotate=5&interval=5`);
    await expect(page.getByTestId('site-name')).toHaveText(BUSY);
    await expect(page.getByTestId('rotation-position')).toHaveText('1/2');
    await expect(page.getByTestId('total-views')).toHaveText('96');
    // Both sites are polled from the start, before the first switch…
    await expect.poll(() => calls.get(SITES.empty) ?? 0).toBeGreaterThan(0);
    await expect(page.getByTestId('site-name')).toHaveText(BUSY);

    // …so the switch shows the next site's numbers at once, with no skeleton in between.
    await expect(page.getByTestId('site-name')).toHaveText(QUIET, { timeout: 8_000 });
    await expect(page.getByTestId('total-views')).toHaveText('0', { timeout: 500 });
    await expect(page.getByTestId('rotation-position')).toHaveText('2/2');
    await expect(page.getByTestId('empty-state')).toBeVisible();

    await expect(page.getByTestId('site-name')).toHaveText(BUSY, { timeout: 8_000 });
    await expect(page.getByTestId('total-views')).toHaveText('96', { timeout: 500 });
    // Kept warm by polling, not refetched on each switch: about one call per interval per site.
    expect(calls.get(SITES.busy) ?? 0).toBeGreaterThanOrEqual(2);
  });

  test('kiosk: no controls, a clock and the freshness in the corner, the site name kept small', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&kiosk&tz=Europe/Berlin&lang=en-GB`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
    await expect(page.getByTestId('site-name')).toHaveText(BUSY);
    await expect(page.getByTestId('kiosk-clock')).toHaveText(/^\d\d:\d\d$/);
    await expect(page.getByTestId('updated-at')).toHaveText(/Updated (just now|\d+ s ago)/);
    await expect(page.getByTestId('share-button')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(BUSY); // no "Pulseboard" brand
    await expect(page.getByRole('button')).toHaveCount(0);
  });

  test('kiosk hides the cursor after 3 s without a move and shows it again on a move', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&kiosk`);
    // Moves until the kiosk code (loaded on demand) has seen one: a busy machine may load it late.
    let x = 300;
    await expect.poll(async () => (await page.mouse.move(x++, 300), cssOf(page, 'body', 'cursor'))).toBe('auto');
    await page.waitForTimeout(1500);
    expect(await cssOf(page, 'body', 'cursor')).toBe('auto');
    await expect.poll(() => cssOf(page, 'body', 'cursor'), { timeout: 4_000 }).toBe('none');
    await page.mouse.move(320, 310);
    await expect.poll(() => cssOf(page, 'body', 'cursor')).toBe('auto');
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
    [3840, 2160],
    [1080, 1920],
  ] as const) {
    test(`kiosk fills exactly one ${width}×${height} screen with no scroll`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&kiosk`);
      await expect(page.getByTestId('total-views')).toHaveText('96');
      await expect(page.getByTestId('event-row').first()).toBeVisible();
      const size = await page.evaluate(() => ({
        scrollHeight: document.scrollingElement?.scrollHeight ?? Infinity,
        scrollWidth: document.scrollingElement?.scrollWidth ?? Infinity,
        innerHeight,
        innerWidth,
        fontSize: Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
      }));
      expect(size.scrollHeight).toBeLessThanOrEqual(size.innerHeight);
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
      // Every panel is on screen, none pushed below the fold.
      for (const id of ALL_PANELS) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box, id).not.toBeNull();
        expect(box!.y + box!.height, id).toBeLessThanOrEqual(height + 0.5);
        expect(box!.x + box!.width, id).toBeLessThanOrEqual(width + 0.5);
      }
      // Type scales with the screen: 14 px is the floor, 4K gets far more.
      expect(size.fontSize).toBeGreaterThanOrEqual(14);
      if (width === 3840) expect(size.fontSize).toBeGreaterThanOrEqual(36);
      if (width === 1080) expect(size.fontSize).toBeGreaterThanOrEqual(16);
      if (SCREENSHOTS && width === 1920) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.mouse.move(0, 0);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/kiosk-dark-1920x1080.png` });
      }
    });
  }

  test('theme=light and theme=dark set the palette; theme=auto follows the OS as it changes', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&theme=light`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await cssOf(page, 'body', 'background-color')).toBe('rgb(238, 242, 247)');

    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&theme=dark`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await cssOf(page, 'body', 'background-color')).toBe('rgb(11, 16, 32)');

    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&theme=auto`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await cssOf(page, 'body', 'background-color')).toBe('rgb(11, 16, 32)');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`theme=${theme} passes axe's WCAG AA colour contrast check, share panel open`, async ({ page }) => {
      await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&theme=${theme}`);
      await expect(page.getByTestId('total-views')).toHaveText('96');
      await expect(page.getByTestId('event-row').first()).toBeVisible();
      const dashboard = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
      expect(dashboard.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`))).toEqual([]);

      await page.getByTestId('share-button').click();
      await expect(page.getByTestId('share-panel')).toBeVisible();
      const share = await new AxeBuilder({ page }).include('[data-testid="share-panel"]').withRules(['color-contrast']).analyze();
      expect(share.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`))).toEqual([]);
    });
  }

  test('bg=transparent lets the host page show through', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&bg=transparent`);
    await expect(page.locator('html')).toHaveAttribute('data-bg', 'transparent');
    expect(await cssOf(page, 'body', 'background-color')).toBe('rgba(0, 0, 0, 0)');
    expect(await cssOf(page, 'html', 'background-color')).toBe('rgba(0, 0, 0, 0)');
  });

  test('panels= picks the panels and their order', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&panels=events,totals,chart`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
    await expect.poll(() => panelOrder(page)).toEqual(['event-feed', 'totals', 'series-chart']);
  });

  test('interval= sets the polling period, with 5 s as the floor', async ({ page }) => {
    const warnings = collectWarnings(page);
    const id = websiteId();
    const times: number[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/api/realtime/${id}`)) times.push(Date.now());
    });
    await page.goto(`${FIXTURE_URL}/?website=${id}&interval=1`);
    // Polls fall on multiples of the interval (src/api/poll-schedule.ts): after the first load,
    // one every 5 s, not every second.
    await expect.poll(() => times.length, { timeout: 15_000 }).toBe(3);
    await page.waitForTimeout(500);
    expect(times).toHaveLength(3);
    const gap = times[2]! - times[1]!;
    expect(gap, 'a 1 s interval is clamped to 5 s').toBeGreaterThan(4_500);
    expect(gap).toBeLessThan(5_500);
    expect(times[1]! - times[0]!, 'the first poll after the load waits at least a fifth of the interval').toBeGreaterThanOrEqual(900);
    expect(warnings).toContainEqual(expect.stringContaining('interval=1 is below the minimum; using 5 s'));
  });

  test('tz= is the zone of the clock and of the timezone sent to Umami', async ({ page }) => {
    const id = websiteId();
    await page.goto(`${FIXTURE_URL}/?website=${id}&kiosk&tz=America/New_York&lang=en-GB`);
    const clock = await page.getByTestId('kiosk-clock').textContent();
    const format = (offsetMs: number) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' }).format(Date.now() + offsetMs);
    expect([format(-60_000), format(0)]).toContain(clock);
    await expect
      .poll(async () => (await upstreamRequests()).filter((r) => r.url.startsWith(`/api/realtime/${id}`)).map((r) => new URL(r.url, 'http://x').searchParams.get('timezone')))
      .toContain('America/New_York');
  });

  test('lang= sets <html lang> and formats numbers and country names', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&lang=de-DE`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
    await expect(page.getByTestId('top-countries')).toContainText('Deutschland');
    await expect(page.getByTestId('top-countries')).toContainText('Australien');
    // German puts a no-break space before the percent sign ("18 %"); English does not.
    expect(await page.getByTestId('top-countries').textContent()).toMatch(/\d\u00a0%/);
  });

  test('embed: a compact view without controls that reads well in a 400×300 frame', async ({ page }) => {
    await page.setViewportSize({ width: 400, height: 300 });
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}&embed&panels=totals,chart&theme=light`);
    await expect(page.getByTestId('total-views')).toHaveText('96');
    await expect(page.getByTestId('share-button')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(BUSY);
    await expect(page.getByTestId('site-name')).toHaveText(BUSY);
    // Both panels fit in the frame, and the numbers are not shrunk below reading size.
    for (const id of ['totals', 'series-chart']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box!.y + box!.height, id).toBeLessThanOrEqual(300.5);
      expect(box!.height, id).toBeGreaterThan(60);
    }
    expect(Number.parseFloat(await cssOf(page, '[data-testid="total-views"]', 'font-size'))).toBeGreaterThanOrEqual(20);
    await expect(page.locator('[data-testid="series-chart"] svg.recharts-surface')).toBeVisible();
  });

  // Each invalid value: a console warning, and the page as if the parameter were absent.
  const invalid: { name: string; query: string; warning: RegExp; check: (page: Page) => Promise<void> }[] = [
    {
      name: 'website',
      query: 'website=not-a-uuid',
      warning: /website="not-a-uuid": not a UUID/,
      check: async (page) => await expect(page.getByTestId('site-picker')).toBeVisible(),
    },
    {
      name: 'websites',
      query: `websites=${SITES.busy},nope`,
      warning: /websites="nope": not a UUID/,
      check: async (page) => {
        await expect(page.getByTestId('site-name')).toHaveText(BUSY);
        await expect(page.getByTestId('rotation-position')).toHaveCount(0);
      },
    },
    {
      name: 'rotate',
      query: `websites=${SITES.busy},${SITES.empty}&rotate=soon`,
      warning: /rotate="soon": not a positive number of seconds; using 30 s/,
      check: async (page) => await expect(page.getByTestId('rotation-position')).toHaveText('1/2'),
    },
    {
      name: 'kiosk',
      query: `website=${SITES.busy}&kiosk=maybe`,
      warning: /kiosk="maybe"/,
      check: async (page) => {
        await expect(page.getByTestId('share-button')).toBeVisible();
        await expect(page.getByTestId('kiosk-clock')).toHaveCount(0);
      },
    },
    {
      name: 'embed',
      query: `website=${SITES.busy}&embed=2`,
      warning: /embed="2"/,
      check: async (page) => await expect(page.getByRole('heading', { level: 1 })).toContainText('Pulseboard'),
    },
    {
      name: 'theme',
      query: `website=${SITES.busy}&theme=neon`,
      warning: /theme="neon": use dark, light or auto/,
      check: async (page) => await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark'),
    },
    {
      name: 'bg',
      query: `website=${SITES.busy}&bg=red`,
      warning: /bg="red": the only value is transparent/,
      check: async (page) => {
        await expect(page.locator('html')).not.toHaveAttribute('data-bg');
        expect(await cssOf(page, 'body', 'background-color')).toBe('rgb(11, 16, 32)');
      },
    },
    {
      name: 'panels',
      query: `website=${SITES.busy}&panels=bogus`,
      warning: /unknown panel "bogus"/,
      check: async (page) => await expect.poll(() => panelOrder(page)).toHaveLength(ALL_PANELS.length),
    },
    {
      name: 'interval',
      query: `website=${SITES.busy}&interval=fast`,
      warning: /interval="fast": not a positive number/,
      check: async (page) => await expect(page.getByTestId('total-views')).toHaveText('96'),
    },
    {
      name: 'tz',
      query: 'tz=Mars/Olympus',
      warning: /tz="Mars\/Olympus": not an IANA time zone/,
      check: async () => {}, // the zone sent to Umami is asserted below
    },
    {
      name: 'lang',
      query: `website=${SITES.busy}&lang=not_a_locale!`,
      warning: /lang="not_a_locale!": not a BCP 47 language tag/,
      check: async (page) => await expect(page.locator('html')).toHaveAttribute('lang', 'en-US'),
    },
  ];
  for (const { name, query, warning, check } of invalid) {
    test(`an invalid ${name}= warns on the console and falls back to the default`, async ({ page }) => {
      const warnings = collectWarnings(page);
      const id = websiteId();
      await page.goto(`${FIXTURE_URL}/?${query}${name === 'tz' ? `&website=${id}` : ''}`);
      await expect.poll(() => warnings).toContainEqual(expect.stringMatching(warning));
      await check(page);
      if (name === 'tz') {
        // The browser's zone (Playwright runs it in Europe/Berlin) is sent instead.
        await expect
          .poll(async () => (await upstreamRequests()).filter((r) => r.url.startsWith(`/api/realtime/${id}`)).map((r) => new URL(r.url, 'http://x').searchParams.get('timezone')))
          .toContain('Europe/Berlin');
      }
      await expect(page.getByTestId('error-message')).toHaveCount(0);
    });
  }
});

test.describe('Share this view', () => {
  test('builds the TV URL and the iframe snippet from the choices, and copies them', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: FIXTURE_URL });
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}`);
    await page.getByTestId('share-button').click();
    const panel = page.getByTestId('share-panel');
    await expect(panel).toBeVisible();
    const tvUrl = panel.getByTestId('share-tv-url');
    const snippet = panel.getByTestId('share-iframe-snippet');
    await expect(tvUrl).toHaveValue(`${FIXTURE_URL}/?website=${SITES.busy}&kiosk`);

    await panel.getByLabel('Theme').selectOption('light');
    await panel.getByRole('checkbox', { name: QUIET }).check();
    await panel.getByRole('spinbutton', { name: /Show each site for/ }).fill('20');
    await expect(tvUrl).toHaveValue(`${FIXTURE_URL}/?websites=${SITES.busy},${SITES.empty}&rotate=20&kiosk&theme=light`);

    for (const name of ['Today so far', 'World map', 'Top pages', 'Top referrers', 'Top countries', 'Live events']) {
      await panel.getByRole('checkbox', { name }).uncheck();
    }
    // Past the unchosen Today so far, then past Totals.
    await panel.getByRole('button', { name: 'Move Views per minute up' }).click();
    await panel.getByRole('button', { name: 'Move Views per minute up' }).click();
    await panel.getByRole('checkbox', { name: 'Transparent background (iframe)' }).check();
    const embedSrc = `${FIXTURE_URL}/?websites=${SITES.busy},${SITES.empty}&rotate=20&embed&panels=chart,totals&theme=light&bg=transparent`;
    await expect(snippet).toHaveValue(
      `<iframe data-pulseboard-embed src="${embedSrc.replaceAll('&', '&amp;')}" title="Pulseboard: ${BUSY}, ${QUIET}" style="width: 100%; height: 300px; border: 0;" loading="lazy"></iframe>\n` +
        `<script src="${FIXTURE_URL}/embed.js" async></script>`,
    );

    const tv = await tvUrl.inputValue();
    await panel.getByRole('button', { name: 'Copy' }).first().click();
    await expect(panel.getByRole('status').first()).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tv);

    // Escape closes it; the URL it gave opens that very view.
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await page.goto(tv);
    await expect(page.getByTestId('kiosk-clock')).toBeVisible();
    await expect(page.getByTestId('rotation-position')).toHaveText('1/2');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('without the Clipboard API the text is selected for Ctrl+C', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await page.goto(`${FIXTURE_URL}/?website=${SITES.busy}`);
    await page.getByTestId('share-button').click();
    const panel = page.getByTestId('share-panel');
    await panel.getByRole('button', { name: 'Copy' }).nth(1).click();
    await expect(panel.getByRole('status').nth(1)).toHaveText(/press Ctrl\+C/);
    const selection = await page.evaluate(() => {
      const el = document.activeElement as HTMLTextAreaElement | null;
      return { id: el?.dataset.testid, start: el?.selectionStart, end: el?.selectionEnd, length: el?.value.length };
    });
    expect(selection).toEqual({ id: 'share-iframe-snippet', start: 0, end: selection.length, length: expect.any(Number) });
    expect(selection.length).toBeGreaterThan(50);
  });
});

test.describe('frame-ancestors', () => {
  test("the server sends frame-ancestors 'self' by default", async ({ request }) => {
    for (const path of ['/', '/embed.js', `/api/websites`]) {
      const response = await request.get(`${FIXTURE_URL}${path}`);
      expect(response.headers()['content-security-policy'], path).toContain("frame-ancestors 'self'");
    }
  });
});

/** A page on another origin that embeds the app, as the README tells people to. */
function hostPage(appUrl: string, src: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Host page</title></head>
  <body style="margin: 0; padding: 24px; background: #c7e9d5; font-family: sans-serif;">
    <h1 style="margin: 0 0 12px">A page with a widget</h1>
    <div style="width: 400px">
      <iframe id="widget" data-pulseboard-embed src="${src.replaceAll('&', '&amp;')}" title="Pulseboard" style="width: 100%; height: 150px; border: 0;"></iframe>
    </div>
    <script src="${appUrl}/embed.js" async></script>
  </body>
</html>`;
}

test.describe('embedding on another origin', () => {
  test.describe.configure({ mode: 'serial' });

  let host: Server;
  let hostUrl = '';
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  let appUrl = '';
  const site = DEMO_SITES[0]!;
  let pages = new Map<string, string>();

  test.beforeAll(async () => {
    // The app in demo mode, allowing any 127.0.0.1 page to frame it and listing one site.
    app = await startApp({ DEMO_SEED: '42', UMAMI_WEBSITE_IDS: site.id, FRAME_ANCESTORS: 'http://127.0.0.1:*' });
    appUrl = app.url;

    host = createServer((req, res) => {
      const body = pages.get(req.url ?? '');
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    pages = new Map([
      ['/allowed.html', hostPage(appUrl, `${appUrl}/?website=${site.id}&embed&panels=totals,chart&theme=light&bg=transparent`)],
      ['/blocked.html', hostPage(FIXTURE_URL, `${FIXTURE_URL}/?website=${SITES.busy}&embed`)],
    ]);
  });

  test.afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  });

  test('FRAME_ANCESTORS sets the header', async ({ request }) => {
    const response = await request.get(`${appUrl}/`);
    expect(response.headers()['content-security-policy']).toContain('frame-ancestors http://127.0.0.1:*');
  });

  test('with exactly one site and no website=, it goes straight to that dashboard', async ({ page }) => {
    await page.goto(`${appUrl}/`);
    await expect(page.getByTestId('site-name')).toHaveText(site.name);
    await expect(page.getByTestId('total-views')).toHaveText(/^\d/);
    await expect(page.getByTestId('site-picker')).toHaveCount(0);
  });

  test('embed.js sizes the iframe to its content; messages from anywhere else are ignored', async ({ page }) => {
    await page.goto(`${hostUrl}/allowed.html`);
    const iframe = page.locator('#widget');
    const frame = page.frameLocator('#widget');
    await expect(frame.getByTestId('total-views')).toHaveText(/^\d/);
    await expect(frame.locator('[data-testid="series-chart"] svg.recharts-surface')).toBeVisible();

    const content = () => frame.locator('#root').evaluate((root) => Math.ceil(root.getBoundingClientRect().height));
    await expect.poll(async () => (await iframe.boundingBox())?.height).not.toBe(150);
    await expect.poll(async () => Math.abs((await iframe.boundingBox())!.height - (await content()))).toBeLessThanOrEqual(1);
    const height = (await iframe.boundingBox())!.height;
    expect(height).toBeGreaterThan(200);
    // Sized to fit: the framed page does not scroll.
    expect(await frame.locator('html').evaluate(() => document.scrollingElement!.scrollHeight <= innerHeight)).toBe(true);

    // The host page forging the app's message: wrong source, ignored.
    await page.evaluate(() => window.postMessage({ type: 'pulseboard:resize', height: 900 }, '*'));
    await page.waitForTimeout(300);
    expect((await iframe.boundingBox())!.height).toBe(height);

    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.locator('body > div').screenshot({ path: `${SCREENSHOT_DIR}/embed-light-transparent.png` });
    }
  });

  test("a server left at frame-ancestors 'self' refuses to be framed by another origin", async ({ page }) => {
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
    });
    await page.goto(`${hostUrl}/blocked.html`);
    // Chromium: "Framing '<app>' violates the following Content Security Policy directive: "frame-ancestors 'self'". The request has been blocked."
    await expect.poll(() => refusals).toContainEqual(expect.stringMatching(new RegExp(`${FIXTURE_URL}.*frame-ancestors 'self'.*blocked`, 's')));
    await expect(page.frameLocator('#widget').getByTestId('site-name')).toHaveCount(0);
  });
});
