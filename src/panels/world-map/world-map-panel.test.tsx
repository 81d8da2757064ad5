import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { metricsQueryOptions } from '../../api/exact';
import { metricsSchema } from '../../api/exact-schemas';
import type { RealtimeResult } from '../../api/realtime';
import exactCountries from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-country.json';
import emptyRows from '../../test/fixtures/umami-3.1/aggregates/agg-empty-metrics-expanded-path.json';
import sampleJson from '../../test/fixtures/umami-3.1/aggregates/agg-busy-realtime.json';
import busyJson from '../../test/fixtures/umami-3.1/realtime-busy.json';
import emptyJson from '../../test/fixtures/umami-3.1/realtime-empty.json';
import world from 'world-atlas/countries-110m.json';
import { MAP_HEIGHT, MAP_WIDTH } from './country-shapes';
import { WorldMapPanel } from './world-map-panel';
import { realtimeResult } from '../../test/realtime-result';
import { realtimeKey, renderInDashboard, TEST_DASHBOARD } from '../../test/render-in-dashboard';
import { counts } from '../../test/counts';
import { isolate as i } from '../../lib/isolate';

// The view is a lazy chunk: its first import can take a while on a busy machine.
const LAZY = { timeout: 10_000 };

const key = realtimeKey();

// jsdom cannot fetch the bundled TopoJSON URL: answer it with the file from node_modules. Umami's
// exact country route is refused here, so the map shows the seeded realtime answer's sample,
// unless a test seeds the exact rows.
const fetchMock = vi.fn(async (url: string) => {
  if (String(url).includes('/metrics/expanded')) return new Response('{"error":{"code":"bad-credentials","message":"x"}}', { status: 401 });
  if (!String(url).includes('countries-110m')) return new Promise<never>(() => {}); // no realtime polls
  return { ok: true, statusText: 'OK', json: async () => structuredClone(world) };
});

function result(body: unknown, change?: (data: RealtimeResult['data']) => void): RealtimeResult {
  const seeded = realtimeResult(body, { timezone: TEST_DASHBOARD.timezone });
  change?.(seeded.data);
  return seeded;
}

function renderPanel(seed?: RealtimeResult, exactRows?: unknown) {
  const client = new QueryClient();
  if (exactRows !== undefined) client.setQueryData(metricsQueryOptions(TEST_DASHBOARD.websiteId, 'country', TEST_DASHBOARD.exactIntervalMs).queryKey, metricsSchema.parse(exactRows));
  return renderInDashboard(<WorldMapPanel />, { seed, client });
}

const topologyFetches = () => fetchMock.mock.calls.filter(([url]) => String(url).includes('countries-110m')).length;

beforeEach(() => {
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

test('colours countries by visitors, with a legend, the unknown count and a text alternative', async () => {
  const { container } = renderPanel(result(busyJson));
  const germany = await screen.findByTestId('map-country-DE', {}, LAZY);
  expect(germany).toHaveAttribute('data-value', '2');
  expect(germany.querySelector('title')).toHaveTextContent(`${i('Germany')}: 2 visitors`);
  expect(screen.getByTestId('map-country-US')).toHaveAttribute('data-value', '1');
  expect(screen.getByTestId('map-country-AU')).toHaveAttribute('data-value', '1'); // id "036"
  // The busiest is the top step; a country without visitors stays neutral.
  expect(germany).toHaveAttribute('fill', 'var(--color-map-5, #eff3ff)');
  expect(screen.getByTestId('map-country-FR')).toHaveAttribute('fill', 'var(--color-map-3, #6baed6)');
  const spain = container.querySelector('[data-map-id="724"]');
  expect(spain).toHaveAttribute('fill', 'var(--color-map-0, #2f3648)');
  expect(spain).not.toHaveAttribute('data-testid');
  expect(container.querySelectorAll('[data-testid^="map-country-"]')).toHaveLength(10);

  // The one session Umami could not place (country null) is shown, not dropped.
  expect(screen.getByTestId('map-unknown')).toHaveTextContent('Unknown: 1');
  expect(screen.getByTestId('map-unknown')).toHaveAttribute('data-value', '1');
  expect(screen.getByTestId('map-legend')).toHaveTextContent('12');
  expect(screen.queryByTestId('map-not-drawn')).toBeNull();

  expect(screen.getByRole('img')).toHaveAccessibleName(
    `Visitors by country: ${i('Germany')} 2, ${i('Australia')} 1, ${i('Brazil')} 1, ${i('Canada')} 1, ${i('France')} 1, ${i('United Kingdom')} 1, ${i('India')} 1, ${i('Japan')} 1, ${i('Netherlands')} 1, ${i('United States')} 1; unknown 1.`,
  );
  expect(topologyFetches()).toBe(1);
});

test("with Umami's exact country rows: every country of the 30 minutes, and no sample badge", async () => {
  renderPanel(result(sampleJson), exactCountries);
  const germany = await screen.findByTestId('map-country-DE', {}, LAZY);
  expect(germany).toHaveAttribute('data-value', '2');
  expect(screen.getByTestId('map-country-NL')).toHaveAttribute('data-value', '1');
  expect(document.querySelectorAll('[data-testid^="map-country-"]')).toHaveLength(9);
  expect(screen.queryByTestId('sample-badge')).toBeNull();
});

test('without them (the route refused), the realtime sample, marked as one', async () => {
  renderPanel(result(busyJson));
  await screen.findByTestId('map-country-DE', {}, LAZY);
  expect(screen.getByTestId('sample-badge')).toHaveTextContent(/latest 100 events/);
});

test('draws the world without Antarctica, inside its viewBox, keeping its aspect ratio', async () => {
  const { container } = renderPanel(result(busyJson));
  await screen.findByTestId('map-country-DE', {}, LAZY);
  const svg = container.querySelector('svg.rsm-svg');
  expect(svg).toHaveAttribute('viewBox', `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`);
  expect(svg).toHaveAttribute('preserveAspectRatio', 'xMidYMid meet');
  const paths = [...container.querySelectorAll('path.rsm-geography')];
  expect(paths).toHaveLength(176); // 177 shapes in countries-110m, less Antarctica
  // Each drawn from the slim shape's svgPath (see country-shape.tsx).
  expect(paths.filter((p) => !/^M-?\d/.test(p.getAttribute('d') ?? ''))).toEqual([]);
  expect(container.querySelector('[data-map-id="010"]')).toBeNull();
  expect(container.querySelector('[data-map-id="983"]')).toHaveAttribute('data-name', 'Kosovo');
  // The projection constants fit: every point of every path lies inside the box.
  const numbers = paths.flatMap((p) => (p.getAttribute('d') ?? '').match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...xs)).toBeLessThanOrEqual(MAP_WIDTH);
  expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...ys)).toBeLessThanOrEqual(MAP_HEIGHT);
});

test('in a right-to-left language each country name is isolated from the count beside it: hover, shape title, legend and text alternative', async () => {
  const client = new QueryClient();
  renderInDashboard(<WorldMapPanel />, { seed: result(busyJson, (data) => (data.countries = counts({ DE: 2, SG: 3 }))), client, dashboard: { ...TEST_DASHBOARD, lang: 'he' } });
  const germany = await screen.findByTestId('map-country-DE', {}, LAZY);
  const name = new Intl.DisplayNames(['he'], { type: 'region' }).of('DE')!;
  expect(germany.querySelector('title')!.textContent).toBe(`${i(name)}: 2 visitors`);
  expect(screen.getByRole('img').getAttribute('aria-label')).toContain(`${i(name)} 2`);
  fireEvent.mouseMove(germany, { clientX: 10, clientY: 10 });
  expect(screen.getByTestId('map-tooltip').querySelector('bdi')!.textContent).toBe(name);
  const singapore = new Intl.DisplayNames(['he'], { type: 'region' }).of('SG')!;
  await waitFor(() => expect(screen.getByTestId('map-not-drawn').querySelector('bdi')?.textContent).toBe(singapore));
});

test('a country list Umami sent unreadable: the map says so, never "no visitors"', async () => {
  renderPanel(result({ ...busyJson, countries: 'none' }));
  expect(await screen.findByText(/cannot read/)).toBeInTheDocument();
  expect(screen.queryByText(/No visitors/)).toBeNull();
});

test('hovering a country shows its name and count', async () => {
  const { container } = renderPanel(result(busyJson));
  fireEvent.mouseMove(await screen.findByTestId('map-country-DE', {}, LAZY), { clientX: 10, clientY: 10 });
  expect(screen.getByTestId('map-tooltip')).toHaveTextContent('Germany2 visitors');
  fireEvent.mouseMove(container.querySelector('[data-map-id="724"]')!, { clientX: 12, clientY: 10 });
  expect(screen.getByTestId('map-tooltip')).toHaveTextContent('SpainNo visitors');
  fireEvent.mouseLeave(container.querySelector('[data-map-id="724"]')!.closest('div')!);
  expect(screen.queryByTestId('map-tooltip')).toBeNull();
});

test('a new poll only changes fills: same paths, no refetch of the map', async () => {
  const { client } = renderPanel(result(busyJson));
  const germany = await screen.findByTestId('map-country-DE', {}, LAZY);
  const d = germany.getAttribute('d');
  act(() =>
    client.setQueryData(
      key,
      result(busyJson, (data) => {
        data.countries = new Map(data.countries).set('FR', 4);
      }),
    ),
  );
  await waitFor(() => expect(screen.getByTestId('map-country-FR')).toHaveAttribute('data-value', '4'));
  expect(screen.getByTestId('map-country-FR')).toHaveAttribute('fill', 'var(--color-map-5, #eff3ff)');
  expect(screen.getByTestId('map-country-DE')).toBe(germany);
  expect(germany).toHaveAttribute('d', d);
  expect(germany).toHaveAttribute('fill', 'var(--color-map-3, #6baed6)');
  expect(topologyFetches()).toBe(1);
});

test('codes that are not countries go under Unknown; countries too small to draw are listed', async () => {
  renderPanel(
    result(busyJson, (data) => {
      data.countries = counts({ DE: 1, XX: 2, EU: 1, SG: 3 });
    }),
  );
  await screen.findByTestId('map-country-DE', {}, LAZY);
  // 2 (XX) + 1 (EU) + 1 session without a country among the events.
  expect(screen.getByTestId('map-unknown')).toHaveTextContent('Unknown: 4');
  await waitFor(() => expect(screen.getByTestId('map-not-drawn')).toHaveTextContent('Not on map: Singapore 3'));
  expect(screen.queryByTestId('map-country-SG')).toBeNull();
});

test('shows a skeleton before the first data and an empty state when nobody visited', () => {
  const first = renderPanel();
  expect(screen.getByTestId('world-map')).toContainElement(screen.getByTestId('skeleton'));
  first.unmount();
  renderPanel(result(emptyJson), emptyRows);
  expect(screen.getByText('No visitors in the last 30 minutes')).toBeInTheDocument();
  expect(topologyFetches()).toBe(0);
});
