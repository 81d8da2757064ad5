import { expect, test } from 'vitest';
import { parseRealtime } from '../../api/realtime-schema';
import busyJson from '../../test/fixtures/umami-3.1/realtime-busy.json';
import emptyJson from '../../test/fixtures/umami-3.1/realtime-empty.json';
import { countUnlocatedSessions } from './unlocated-sessions';

test.each([
  ['busy fixture: the one session without geo headers', parseRealtime(busyJson).events, 1],
  ['empty fixture', parseRealtime(emptyJson).events, 0],
  [
    'only session rows count; a pageview of the same session does not add one',
    [
      { type: 'session', country: null },
      { type: 'pageview', country: null },
      { type: 'event', country: null },
      { type: 'session', country: 'DE' },
      { type: 'session', country: 'XX' },
      { type: 'session', country: null },
    ] as const,
    2,
  ],
])('%s → %i', (_name, events, expected) => {
  expect(countUnlocatedSessions(events)).toBe(expected);
});
