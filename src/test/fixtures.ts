// The recorded Umami 3.1 responses (see fixtures/umami-3.1/README.md), for unit tests in any
// environment: JSON imports work in jsdom, where file URLs do not.
import busy from './fixtures/umami-3.1/realtime-busy.json';
import busyNoTimezone from './fixtures/umami-3.1/realtime-busy-no-timezone.json';
import busyUnitHour from './fixtures/umami-3.1/realtime-busy-unit-hour.json';
import empty from './fixtures/umami-3.1/realtime-empty.json';
import unauthorized from './fixtures/umami-3.1/realtime-401.json';
import unknownWebsite from './fixtures/umami-3.1/realtime-404-or-other.json';
import websites from './fixtures/umami-3.1/websites-list.json';
import login from './fixtures/umami-3.1/login-response.json';
import share from './fixtures/umami-3.1/share-response.json';

export const fixtures = {
  busy,
  busyNoTimezone,
  busyUnitHour,
  empty,
  unauthorized,
  unknownWebsite,
  websites,
  login,
  share,
} as const;

export type FixtureName = keyof typeof fixtures;

/** A deep copy, so a test can change it freely. */
export function fixture<K extends FixtureName>(name: K): (typeof fixtures)[K] {
  return structuredClone(fixtures[name]);
}

export const FIXTURE_SITES = {
  busy: '23119484-709c-44bf-994c-92f109bda03b',
  empty: '95b7680c-9158-4b84-b4ea-7ccc08cc94ea',
} as const;
