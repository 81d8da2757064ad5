import { expect, test } from 'vitest';
import { activeSchema, metricsSchema, statsSchema } from '../../api/exact-schemas';
import active from '../../test/fixtures/umami-3.1/aggregates/agg-busy-active.json';
import countries from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-country.json';
import events from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-event.json';
import realtime from '../../test/fixtures/umami-3.1/aggregates/agg-busy-realtime.json';
import stats from '../../test/fixtures/umami-3.1/aggregates/agg-busy-stats.json';
import { realtimeResult } from '../../test/realtime-result';
import * as totals from './totals-data';

// The recorded instant (aggregates README): the exact figures, and what the realtime answer alone says.
const sample = realtimeResult(realtime);

test.each([
  ['online now', totals.exactOnline(activeSchema.parse(active)), 4],
  ['unique visitors', totals.exactVisitors(statsSchema.parse(stats)), 11],
  ['custom events', totals.exactEvents(metricsSchema.parse(events)), 39],
  ['countries', totals.exactCountries(metricsSchema.parse(countries)), 9],
  ['views', totals.views(sample), 228],
])('exact %s', (_name, value, expected) => {
  expect(value).toBe(expected);
});

test('the realtime stand-ins count the latest 100 events only, never more than the truth', () => {
  expect(sample.data.totals.visitors).toBe(82); // Umami's per-minute sum, not people
  expect(totals.sampleVisitors(sample)).toBeGreaterThan(0);
  expect(totals.sampleVisitors(sample)).toBeLessThanOrEqual(11);
  expect(totals.sampleEvents(sample)).toBe(0);
  expect(totals.sampleCountries(sample)).toBe(3);
  expect(totals.sampleOnline(sample)).toBeLessThanOrEqual(totals.sampleVisitors(sample));
});

test.each([
  ['no events', [], 0, 0],
  ['a row without a name is no country', [{ name: null, pageviews: '3', visitors: 2 }, { name: 'DE', pageviews: '1', visitors: 1 }], 4, 1],
  ['numeric strings and numbers', [{ name: 'buy', pageviews: '10', visitors: 1 }, { name: 'sign-up', pageviews: 2, visitors: 1 }], 12, 2],
])('%s', (_name, rows, eventCount, countryCount) => {
  const parsed = metricsSchema.parse(rows);
  expect(totals.exactEvents(parsed)).toBe(eventCount);
  expect(totals.exactCountries(parsed)).toBe(countryCount);
});
