import type * as z from 'zod/mini';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { realtimeResponseSchema } from '../api/realtime-schema';
import { canonicalTimeZone, isTimeZone, isUuid, type UmamiRealtimeBody } from './validate';

describe('isUuid', () => {
  test.each([
    ['23119484-709c-44bf-994c-92f109bda03b', true],
    ['23119484-709C-44BF-994C-92F109BDA03B', true],
    ['23119484709c44bf994c92f109bda03b', false],
    ['23119484-709c-44bf-994c-92f109bda03', false],
    ['23119484-709c-44bf-994c-92f109bda03bb', false],
    ['g3119484-709c-44bf-994c-92f109bda03b', false],
    [' 23119484-709c-44bf-994c-92f109bda03b', false],
    ['23119484-709c-44bf-994c-92f109bda03b\n', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});

describe('isTimeZone and canonicalTimeZone', () => {
  test.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/BERLIN', 'Europe/Berlin'],
    ['america/new_york', 'America/New_York'],
    ['UTC', 'UTC'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
    ['Mars/Olympus', null],
    ['Europe/Berlin\n', null],
    ['Europe/Berlin&unit=year', null],
    ['../../etc/passwd', null],
    ['+01:00', null],
    ['', null],
    ['a'.repeat(65), null],
  ])('%j → %j', (value, canonical) => {
    expect(canonicalTimeZone(value)).toBe(canonical);
    expect(isTimeZone(value)).toBe(canonical !== null);
  });

  test('the same answer when asked again', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });
});

describe("Umami's realtime body", () => {
  const body = {
    countries: { DE: 1 },
    urls: { '/': 2 },
    referrers: { 'example.com': 1 },
    events: [
      {
        __type: 'pageview',
        sessionId: '6f2b7c1e-2d3a-5b4c-8d9e-0a1b2c3d4e5f',
        eventName: null,
        createdAt: '2026-11-26T11:25:01.000Z',
        browser: 'chrome',
        os: 'Windows 10',
        device: 'desktop',
        country: 'DE',
        urlPath: '/',
        referrerDomain: 'example.com',
        hostname: 'shop.example',
      },
    ],
    series: { views: [{ x: '2026-11-26 12:25:00', y: 2 }], visitors: [{ x: '2026-11-26 12:25:00', y: 1 }] },
    totals: { views: 2, visitors: 1, events: 0, countries: 1 },
    timestamp: 1795692372646,
  } satisfies UmamiRealtimeBody;

  test('the wire type is what the browser schema reads, and such a body passes it', () => {
    // Checked by the type checker: a field the demo sends that the schema would refuse fails the build.
    expectTypeOf<UmamiRealtimeBody>().toExtend<z.input<typeof realtimeResponseSchema>>();
    const parsed = realtimeResponseSchema.safeParse(body);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.events.map((event) => [event.__type, event.urlPath])).toEqual([['pageview', '/']]);
  });
});
