import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { RealtimeEvent } from '../../api/realtime-schema';
import { EventRow } from './event-row';

const RLO = '\u202E';

const event = (fields: Partial<RealtimeEvent>): RealtimeEvent => ({
  id: 'x',
  type: 'event',
  sessionId: 's',
  eventName: 'purchase',
  createdAt: Date.now(),
  browser: 'chrome',
  os: 'Mac OS',
  device: 'laptop',
  country: 'DE',
  urlPath: '/',
  referrerDomain: null,
  hostname: null,
  ...fields,
});

test.each([
  ['a path', { urlPath: `/${RLO}gpj.exe` }, `/${RLO}gpj.exe`],
  ['an event name', { eventName: `${RLO}dnuofer` }, `${RLO}dnuofer`],
  ['a browser Umami does not know', { browser: `${RLO}xoferif` }, `${RLO}xoferif`],
])('%s with a right-to-left override is isolated: it cannot reorder the rest of the row', (_name, fields, text) => {
  render(
    <ul>
      <EventRow event={event(fields)} lang="en" isNew={false} />
    </ul>,
  );
  expect(screen.getByText(text).tagName).toBe('BDI');
});
