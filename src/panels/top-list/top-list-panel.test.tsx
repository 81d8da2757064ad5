import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { metricsQueryOptions } from '../../api/exact';
import { metricsSchema } from '../../api/exact-schemas';
import type { RealtimeResult } from '../../api/realtime';
import exactCountries from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-country.json';
import exactPaths from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-path.json';
import exactReferrers from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-referrer.json';
import sampleBody from '../../test/fixtures/umami-3.1/aggregates/agg-busy-realtime.json';
import busy from '../../test/fixtures/umami-3.1/realtime-busy.json';
import empty from '../../test/fixtures/umami-3.1/realtime-empty.json';
import { realtimeResult } from '../../test/realtime-result';
import { realtimeKey, renderInDashboard, TEST_DASHBOARD } from '../../test/render-in-dashboard';
import { COUNTRIES_LIST, PAGES_LIST, REFERRERS_LIST, sampleCountries } from './top-list-configs';
import { TopListPanel, type TopListConfig } from './top-list-panel';

const key = realtimeKey();

function result(body: unknown): RealtimeResult {
  return realtimeResult(body, { timezone: TEST_DASHBOARD.timezone, receivedAt: Date.now() });
}

/** With `exactRows`, Umami's exact route has answered them; without, it refused (an older Umami). */
function renderList(config: TopListConfig, body?: unknown, exactRows?: unknown) {
  const client = new QueryClient();
  const { websiteId, exactIntervalMs } = TEST_DASHBOARD;
  if (exactRows !== undefined) client.setQueryData(metricsQueryOptions(websiteId, config.metric, exactIntervalMs).queryKey, metricsSchema.parse(exactRows));
  return renderInDashboard(<TopListPanel config={config} />, { client, seed: body === undefined ? undefined : result(body), exactRefused: exactRows === undefined });
}

const rowsIn = (testId: string) => within(screen.getByTestId(testId)).queryAllByTestId('top-row');
const keysAndValues = (testId: string) => rowsIn(testId).map((row) => [row.dataset.key, Number(row.dataset.value)]);

beforeEach(() => {
  // Only reached if a test forgets to seed data: never resolve, never hit the network.
  vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})));
});
afterEach(() => vi.unstubAllGlobals());

describe.each([
  {
    config: PAGES_LIST,
    rows: exactPaths,
    top: [
      ['/products', 61],
      ['/', 50],
      ['/pricing', 42],
    ],
    valueHeader: 'Views',
  },
  {
    config: REFERRERS_LIST,
    rows: exactReferrers,
    top: [
      ['duckduckgo.com', 2],
      ['google.com', 2],
      ['news.ycombinator.com', 2],
    ],
    valueHeader: 'Visitors',
  },
  {
    config: COUNTRIES_LIST,
    rows: [...exactCountries, { name: null, pageviews: '3', visitors: 1 }],
    top: [
      ['DE', 2],
      ['AU', 1],
      ['BR', 1],
    ],
    valueHeader: 'Visitors',
  },
])("$config.title from Umami's exact rows", ({ config, rows, top, valueHeader }) => {
  test('rows of the whole 30 minutes, not the sample; no sample badge', () => {
    renderList(config, sampleBody, rows);
    expect(keysAndValues(config.testId).slice(0, 3)).toEqual(top);
    expect(within(screen.getByTestId(config.testId)).getAllByRole('columnheader')[1]).toHaveTextContent(valueHeader);
    expect(within(screen.getByTestId(config.testId)).queryByTestId('sample-badge')).toBeNull();
  });

  test('the realtime sample when the route is refused, marked as one', () => {
    renderList(config, sampleBody);
    expect(within(screen.getByTestId(config.testId)).getByTestId('sample-badge')).toHaveTextContent(/latest 100 events/);
  });
});

test('countries: a row Umami could not place is the Unknown row', () => {
  renderList(COUNTRIES_LIST, sampleBody, [...exactCountries, { name: null, pageviews: '9', visitors: 3 }]);
  expect(keysAndValues('top-countries')[0]).toEqual(['unknown', 3]);
});

describe.each([
  {
    config: PAGES_LIST,
    body: busy,
    // The fallback 8 rows (jsdom has no layout to fit); ties by path.
    rows: [
      ['/products', 19],
      ['/', 16],
      ['/pricing', 12],
      ['/products/widget-pro', 12],
      ['/contact', 8],
      ['/docs/api', 7],
      ['/about', 4],
      ['/blog/launch-week', 4],
    ],
    firstLabel: '/products',
    caption: /most viewed pages/i,
    headers: ['Page', 'Views', 'Share'],
    emptyText: 'No page views in the last 30 minutes',
    withList: (urls: Record<string, number>) => ({ ...empty, urls }),
  },
  {
    config: REFERRERS_LIST,
    // Empty referrer keys become one (direct) row.
    body: { ...busy, referrers: { ...busy.referrers, '': 5, null: 2 } },
    rows: [
      ['shop.example.com', 48],
      ['(direct)', 7],
      ['duckduckgo.com', 6],
      ['news.ycombinator.com', 6],
      ['t.co', 6],
      ['google.com', 4],
      ['mail.example.net', 4],
    ],
    firstLabel: 'shop.example.com',
    caption: /top referrers/i,
    headers: ['Referrer', 'Views', 'Share'],
    emptyText: 'No referrers in the last 30 minutes',
    withList: (referrers: Record<string, number>) => ({ ...empty, referrers }),
  },
  {
    config: COUNTRIES_LIST,
    // XX, EU, '' and the one session Umami could not place fold into one Unknown row.
    body: { ...busy, countries: { ...busy.countries, XX: 1, EU: 1, '': 1 } },
    rows: [
      ['unknown', 4],
      ['DE', 2],
      ['AU', 1],
      ['BR', 1],
      ['CA', 1],
      ['FR', 1],
      ['IN', 1],
      ['JP', 1],
    ],
    firstLabel: 'Unknown',
    caption: /visitors by country/i,
    headers: ['Country', 'Visitors', 'Share'],
    emptyText: 'No visitors in the last 30 minutes',
    withList: (countries: Record<string, number>) => ({ ...empty, countries }),
  },
])('$config.title from the realtime sample', ({ config, body, rows, firstLabel, caption, headers, emptyText, withList }) => {
  test('rows by count, descending, as many as fit', () => {
    renderList(config, body);
    expect(keysAndValues(config.testId)).toEqual(rows);
  });

  test('is a table with a caption, column headers and a header cell per row', () => {
    renderList(config, body);
    const table = within(screen.getByTestId(config.testId)).getByRole('table', { name: caption });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(headers);
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByRole('rowheader')).toHaveTextContent(firstLabel);
    expect(within(first).getByRole('rowheader')).toHaveAttribute('title', firstLabel);
    expect(within(table).getAllByRole('row')).toHaveLength(rows.length + 1);
  });

  test('a skeleton before the first data, an empty state for an empty window', () => {
    const before = renderList(config);
    expect(within(screen.getByTestId(config.testId)).getAllByTestId('skeleton').length).toBeGreaterThan(0);
    expect(rowsIn(config.testId)).toHaveLength(0);
    before.unmount();

    renderList(config, empty);
    expect(within(screen.getByTestId(config.testId)).getByText(emptyText)).toBeInTheDocument();
    expect(within(screen.getByTestId(config.testId)).queryByRole('table')).toBeNull();
  });

  test('a new answer re-ranks the rows; a failed poll keeps the last ones', async () => {
    const { client } = renderList(config, body);
    // TanStack Query notifies observers on a 0 ms timer: wait for it.
    await act(async () => {
      client.setQueryData(key, result(withList({ FR: 1, DE: 50 })));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const reranked = [
      ['DE', 50],
      ['FR', 1],
    ];
    expect(keysAndValues(config.testId)).toEqual(reranked);
    await act(async () => {
      client.getQueryCache().find({ queryKey: key })!.setState({ status: 'error', error: new Error('poll failed'), fetchStatus: 'idle' });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(keysAndValues(config.testId)).toEqual(reranked);
  });
});

test('pages: the share column reads the share of the whole list', () => {
  renderList(PAGES_LIST, busy);
  // The busy fixture's urls add up to 100, so shares read as the counts.
  expect(within(rowsIn('top-pages')[0]!).getByText('19%')).toBeInTheDocument();
});

test('pages: a path with markup is shown literally, as text', () => {
  const path = '/<img src=x onerror=alert(1)>';
  renderList(PAGES_LIST, { ...empty, urls: { [path]: 3, '/': 1 } });
  const row = rowsIn('top-pages')[0]!;
  expect(row.dataset.key).toBe(path);
  expect(within(row).getByRole('rowheader')).toHaveTextContent(path, { normalizeWhitespace: false });
  expect(within(row).getByRole('rowheader')).toHaveAttribute('title', path);
  expect(document.querySelector('img')).toBeNull();
});

test('pages: a path with a right-to-left override is isolated from the count beside it', () => {
  const path = '/\u202Egpj.exe';
  renderList(PAGES_LIST, { ...empty, urls: { [path]: 3 } });
  expect(within(rowsIn('top-pages')[0]!).getByText(path).tagName).toBe('BDI');
});

test('countries: a flag before the localized name', () => {
  renderList(COUNTRIES_LIST, busy);
  const germany = rowsIn('top-countries').find((row) => row.dataset.key === 'DE')!;
  expect(within(germany).getByRole('rowheader')).toHaveTextContent('🇩🇪Germany');
});

test('countries: visitors Umami could not place are counted as Unknown, as beside the map', () => {
  expect(sampleCountries(result(busy))).toEqual(new Map([...Object.entries(busy.countries), ['unknown', 1]]));
  expect(sampleCountries(result(empty))).toEqual(new Map());
});

test("a name that is one of Object's own (__proto__, constructor) is a row like any other", () => {
  const body = JSON.parse('{"urls":{"__proto__":7,"constructor":5,"/":1}}') as Record<string, unknown>;
  renderList(PAGES_LIST, { ...empty, ...body });
  expect(keysAndValues('top-pages')).toEqual([
    ['__proto__', 7],
    ['constructor', 5],
    ['/', 1],
  ]);
});

test.each([
  ['pages', PAGES_LIST, 'urls'],
  ['referrers', REFERRERS_LIST, 'referrers'],
  ['countries', COUNTRIES_LIST, 'countries'],
] as const)('%s: a list Umami sent unreadable says so, never "nothing"; the answer’s other lists stay', (_name, config, field) => {
  renderList(config, { ...busy, [field]: 'none' });
  const panel = screen.getByTestId(config.testId);
  expect(panel).toHaveTextContent(/cannot read/);
  expect(panel).not.toHaveTextContent(config.emptyText);
  expect(rowsIn(config.testId)).toHaveLength(0);
  const other = config === PAGES_LIST ? REFERRERS_LIST : PAGES_LIST;
  renderList(other, { ...busy, [field]: 'none' });
  expect(rowsIn(other.testId).length).toBeGreaterThan(0);
});
