import { describe, expect, test } from 'vitest';
import { exactQueriesOptions } from './exact';
import { withFilter } from './filter-query';
import { realtimeQueryOptions, realtimeUrl } from './realtime';

const ID = '23119484-709c-44bf-994c-92f109bda03b';
const FILTER = 'path=eq.%2Fcheckout&country=neq.US';

describe('withFilter', () => {
  test.each([
    ['/api/websites/x/stats', '', '/api/websites/x/stats'],
    ['/api/websites/x/stats', FILTER, `/api/websites/x/stats?${FILTER}`],
    ['/api/websites/x/metrics/expanded?type=path', FILTER, `/api/websites/x/metrics/expanded?type=path&${FILTER}`],
  ])('%s + %j → %s', (url, filter, expected) => {
    expect(withFilter(url, filter)).toBe(expected);
  });
});

test('the realtime URL ends with the filter, after the zone', () => {
  expect(realtimeUrl(ID, 'Europe/Berlin', FILTER)).toBe(`/api/realtime/${ID}?timezone=Europe%2FBerlin&${FILTER}`);
  expect(realtimeUrl(ID, 'Europe/Berlin')).toBe(`/api/realtime/${ID}?timezone=Europe%2FBerlin`);
});

test('a filtered wall and the whole site never share a query', () => {
  const keys = (filter: string) => [realtimeQueryOptions(ID, { timezone: 'UTC', intervalMs: 10_000, filter }), ...exactQueriesOptions(ID, 30_000, filter)].map((o) => JSON.stringify(o.queryKey));
  const whole = keys('');
  const filtered = keys(FILTER);
  expect(filtered.filter((key) => whole.includes(key))).toEqual([]);
  expect(filtered.every((key) => key.includes(FILTER))).toBe(true);
});
