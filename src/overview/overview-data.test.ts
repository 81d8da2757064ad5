import { expect, test } from 'vitest';
import { parseOptions } from '../options';
import { cadenceText, orderByOnline, siteDashboardUrl, tileGrid, topPage, topPageOfRows } from './overview-data';

test.each([
  ['most online first', ['a', 'b', 'c'], [1, 5, 3], ['b', 'c', 'a']],
  ['ties keep the listed order (no jumping)', ['a', 'b', 'c', 'd'], [2, 7, 2, 7], ['b', 'd', 'a', 'c']],
  ['unknown yet: last, in listed order', ['a', 'b', 'c'], [undefined, 0, null], ['b', 'a', 'c']],
  ['nothing known: the listed order', ['a', 'b'], [], ['a', 'b']],
])('orderByOnline: %s', (_name, sites, online, expected) => {
  expect(orderByOnline(sites, online)).toEqual(expected);
});

test.each([
  // count, width, height → columns × rows
  [1, 1280, 680, 1, 1],
  [6, 1280, 680, 3, 2],
  [7, 1920, 1040, 3, 3],
  [30, 1280, 680, 6, 5],
  [30, 1920, 1040, 6, 5],
  [30, 3840, 2100, 6, 5],
  [30, 1080, 1860, 3, 10],
  [6, 1080, 1860, 2, 3],
  [1, 1080, 1860, 1, 1],
  [0, 1280, 680, 1, 1],
])('%i tiles in %i×%i: %i columns × %i rows', (count, width, height, columns, rows) => {
  const grid = tileGrid(count, width, height);
  expect(grid).toEqual({ columns, rows });
  expect(grid.columns * grid.rows).toBeGreaterThanOrEqual(count);
});

test('before layout the grid still holds every tile', () => {
  const grid = tileGrid(30, 0, 0);
  expect(grid.columns * grid.rows).toBeGreaterThanOrEqual(30);
});

const A = '23119484-709c-44bf-994c-92f109bda03b';
const B = '95b7680c-9158-4b84-b4ea-7ccc08cc94ea';

test.each([
  [`?overview&kiosk&theme=light&lang=de-DE`, `https://pulse.test/?website=${A}&kiosk&theme=light&lang=de-DE`],
  [`?websites=${A},${B}&overview&tz=Europe/Berlin&interval=20`, `https://pulse.test/?website=${A}&tz=Europe/Berlin&interval=20`],
  [`?overview=1&token=t0k`, `https://pulse.test/?website=${A}&token=t0k`],
])('a tile of %s links to its site’s dashboard with the other options', (search, expected) => {
  const url = siteDashboardUrl('https://pulse.test/', search, A);
  expect(url).toBe(expected);
  const options = parseOptions(new URL(url).search, { warn: () => {}, defaults: { timezone: 'UTC', lang: 'en-US' } });
  expect(options).toMatchObject({ website: A, sites: [A], overview: false, combine: false });
});

test.each([
  ['the most views', new Map([['/a', 2], ['/b', 5], ['/c', 5]]), { path: '/b', views: 5 }],
  ['nothing viewed', new Map([['/a', 0]]), null],
  ['empty', new Map<string, number>(), null],
])('topPage: %s', (_name, counts, expected) => {
  expect(topPage(counts)).toEqual(expected);
});

test('topPageOfRows reads views and leaves out rows without a path', () => {
  expect(topPageOfRows([{ name: null, pageviews: 50, visitors: 5 }, { name: '/x', pageviews: 3, visitors: 1 }])).toEqual({ path: '/x', views: 3 });
});

test.each([
  [10_000, 7, false, 'Updating every 10 s'],
  [75_000, 30, true, 'Updating every 75 s for 30 sites'],
  [300_000, 30, true, 'Updating every 5 min for 30 sites'],
])('cadence every %i ms, %i sites, stretched %s: "%s"', (interval, sites, stretched, text) => {
  expect(cadenceText(interval, sites, stretched)).toBe(text);
});
