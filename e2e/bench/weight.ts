// What the first view downloads: every JS, CSS and map data file the browser fetched until
// every panel showed data, measured from the built files (raw, and gzip) and from the wire
// (what the server actually sent, headers included, in the encoding it chose).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';

export type AssetKind = 'html' | 'entry-js' | 'lazy-js' | 'css' | 'map-data' | 'other';

export type Asset = {
  path: string;
  kind: AssetKind;
  raw: number;
  gzip: number;
  /** Bytes on the wire, headers included, as the server encoded them. */
  transferred: number;
  contentEncoding: string | null;
  cacheControl: string | null;
  /** Request start and end, ms after navigation. */
  startMs: number;
  endMs: number;
};

export type Weight = {
  assets: Asset[];
  /** JS + CSS + map data, gzip. */
  totalGzip: number;
  totalRaw: number;
  /** The JS the totals need: the entry script and anything index.html preloads. */
  entryJsGzip: number;
  mapDataGzip: number;
  totalsReadyMs: number;
  checks: {
    /** A JSON asset under /assets carries the map; no JS file inlines TopoJSON arcs. */
    mapDataIsStaticAsset: boolean;
    /** Its name has a content hash, so it can be cached forever. */
    mapDataIsHashed: boolean;
    /** The chart and the map code sit in lazy chunks, none of them in the entry. */
    chartAndMapAreLazy: boolean;
  };
};

// Strings only the chart and the map code contain (class names the libraries render).
const CHART_MARKER = 'pb-series-grid';
const MAP_MARKER = 'rsm-geographies';
const TOPOJSON_ARCS = '"arcs":[[';

// Level 6, zlib's default and what most servers use (level 9 saves under 1 %).
const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 6 }).length;

function entryFiles(outDir: string): Set<string> {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entries = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"[^>]*>/g)) {
    const tag = match[0];
    if (/<script/.test(tag) || /rel="(?:modulepreload|stylesheet)"/.test(tag)) entries.add(match[1] ?? '');
  }
  return entries;
}

function kindOf(path: string, entries: Set<string>): AssetKind {
  if (path === '/' || path.endsWith('.html')) return 'html';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.js')) return entries.has(path) ? 'entry-js' : 'lazy-js';
  if (path.startsWith('/assets/') && path.endsWith('.json')) return 'map-data';
  return 'other';
}

export async function measureWeight(browser: Browser, url: string, outDir: string, viewport: { width: number; height: number }): Promise<Weight> {
  const origin = new URL(url).origin;
  const entries = entryFiles(outDir);
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const wire = new Map<string, { transferred: number; contentEncoding: string | null; cacheControl: string | null }>();
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    const requestUrl = new URL(request.url());
    if (requestUrl.origin !== origin || requestUrl.pathname.startsWith('/api/')) return;
    pending.push(
      (async () => {
        const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
        const headers = (await response?.allHeaders()) ?? {};
        wire.set(requestUrl.pathname, {
          transferred: sizes.responseBodySize + sizes.responseHeadersSize,
          contentEncoding: headers['content-encoding'] ?? null,
          cacheControl: headers['cache-control'] ?? null,
        });
      })(),
    );
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('dashboard-ready').length > 0, null, { timeout: 20_000, polling: 10 });
    await page.waitForTimeout(500); // anything still arriving counts too
    await Promise.all(pending);
    const timing = await page.evaluate(() => ({
      resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({ path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd })),
      totalsReady: performance.getEntriesByName('totals-ready')[0]?.startTime ?? Number.NaN,
    }));

    const assets: Asset[] = [...wire].map(([path, { transferred, contentEncoding, cacheControl }]) => {
      const file = join(outDir, path === '/' ? 'index.html' : path);
      const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
      const resource = timing.resources.find((r) => r.path === path);
      return {
        path,
        kind: kindOf(path, entries),
        raw: bytes.length,
        gzip: bytes.length ? gzip(bytes) : 0,
        transferred,
        contentEncoding,
        cacheControl,
        startMs: resource?.start ?? 0,
        endMs: resource?.end ?? 0,
      };
    });
    assets.sort((a, b) => a.startMs - b.startMs);
    const counted = assets.filter((a) => a.kind === 'entry-js' || a.kind === 'lazy-js' || a.kind === 'css' || a.kind === 'map-data');
    const total = (kinds: AssetKind[], key: 'gzip' | 'raw') =>
      assets.filter((a) => kinds.includes(a.kind)).reduce((sum, a) => sum + a[key], 0);

    const jsFiles = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    const read = (path: string) => readFileSync(join(outDir, path), 'utf8');
    const entryJs = assets.filter((a) => a.kind === 'entry-js').map((a) => read(a.path));
    const lazyJs = assets.filter((a) => a.kind === 'lazy-js').map((a) => read(a.path));
    const mapData = assets.filter((a) => a.kind === 'map-data');
    return {
      assets,
      totalGzip: counted.reduce((sum, a) => sum + a.gzip, 0),
      totalRaw: counted.reduce((sum, a) => sum + a.raw, 0),
      entryJsGzip: total(['entry-js'], 'gzip'),
      mapDataGzip: total(['map-data'], 'gzip'),
      totalsReadyMs: timing.totalsReady,
      checks: {
        mapDataIsStaticAsset:
          mapData.some((a) => read(a.path).includes(TOPOJSON_ARCS)) && !jsFiles.some((f) => read(`/assets/${f}`).includes(TOPOJSON_ARCS)),
        mapDataIsHashed: mapData.length > 0 && mapData.every((a) => /-[\w-]{8}\.json$/.test(a.path)),
        chartAndMapAreLazy:
          [CHART_MARKER, MAP_MARKER].every((marker) => lazyJs.some((code) => code.includes(marker))) &&
          !entryJs.some((code) => code.includes(CHART_MARKER) || code.includes(MAP_MARKER)),
      },
    };
  } finally {
    await context.close();
  }
}
