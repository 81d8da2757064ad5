import { expect, test } from 'vitest';
import activeShare from '../test/fixtures/umami-3.1/aggregates/agg-busy-active-share.json';
import active from '../test/fixtures/umami-3.1/aggregates/agg-busy-active.json';
import country from '../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-country.json';
import event from '../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-event.json';
import pathShare from '../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-path-share.json';
import path from '../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-path.json';
import referrer from '../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-referrer.json';
import statsShare from '../test/fixtures/umami-3.1/aggregates/agg-busy-stats-share.json';
import stats from '../test/fixtures/umami-3.1/aggregates/agg-busy-stats.json';
import emptyActive from '../test/fixtures/umami-3.1/aggregates/agg-empty-active.json';
import emptyPath from '../test/fixtures/umami-3.1/aggregates/agg-empty-metrics-expanded-path.json';
import emptyStats from '../test/fixtures/umami-3.1/aggregates/agg-empty-stats.json';
import noAuth from '../test/fixtures/umami-3.1/aggregates/agg-error-active-no-auth.json';
import badType from '../test/fixtures/umami-3.1/aggregates/agg-error-metrics-bad-type.json';
import noDates from '../test/fixtures/umami-3.1/aggregates/agg-error-stats-no-dates.json';
import { activeSchema, metricsSchema, statsSchema } from './exact-schemas';

test.each([
  ['busy', stats, { pageviews: 228, visitors: 11 }],
  ['busy, by share token', statsShare, { pageviews: 228, visitors: 11 }],
  ['empty', emptyStats, { pageviews: 0, visitors: 0 }],
])('stats (%s)', (_name, body, expected) => {
  expect(statsSchema.parse(body)).toEqual(expected);
});

test.each([
  ['a word for views', { pageviews: 'many', visitors: 11 }, { pageviews: null, visitors: 11 }],
  ['an object for visitors', { pageviews: 228, visitors: { n: 11 } }, { pageviews: 228, visitors: null }],
  ['null views', { pageviews: null, visitors: '11' }, { pageviews: null, visitors: 11 }],
  ['both unreadable', { pageviews: [], visitors: true }, { pageviews: null, visitors: null }],
])('stats: %s costs only that figure', (_name, body, expected) => {
  expect(statsSchema.parse(body)).toEqual(expected);
});

test.each([
  ['busy', active, 4],
  ['busy, by share token', activeShare, 4],
  ['empty', emptyActive, 0],
])('active (%s)', (_name, body, visitors) => {
  expect(activeSchema.parse(body)).toEqual({ visitors });
});

test.each([
  ['path', path, 13, 228],
  ['path, by share token', pathShare, 13, 228],
  ['referrer', referrer, 5, 66],
  ['country', country, 9, 214],
  ['event', event, 6, 39],
  ['empty site', emptyPath, 0, 0],
])('metrics/expanded %s: numeric strings read as numbers', (_name, body, rows, pageviews) => {
  const parsed = metricsSchema.parse(body);
  expect(parsed).toHaveLength(rows);
  expect(parsed.reduce((sum, row) => sum + row.pageviews, 0)).toBe(pageviews);
  for (const row of parsed) expect(typeof row.pageviews).toBe('number');
});

test('a row without a name is kept, as no name; a row that is not one is dropped', () => {
  expect(metricsSchema.parse([{ name: null, pageviews: '2', visitors: 1 }, { name: '', pageviews: 1, visitors: 1 }, { pageviews: 'lots' }])).toEqual([
    { name: null, pageviews: 2, visitors: 1 },
    { name: null, pageviews: 1, visitors: 1 },
  ]);
});

test.each([
  ['401 body', noAuth],
  ['400 body (bad type)', badType],
  ['400 body (no dates)', noDates],
])('an error body (%s) is no answer for any route', (_name, body) => {
  expect(statsSchema.safeParse(body).success).toBe(false);
  expect(activeSchema.safeParse(body).success).toBe(false);
  expect(metricsSchema.safeParse(body).success).toBe(false);
});
