import type { QueryClient } from '@tanstack/react-query';
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import busy from '../test/fixtures/umami-3.1/realtime-busy.json';
import empty from '../test/fixtures/umami-3.1/realtime-empty.json';
import { realtimeResult } from '../test/realtime-result';
import { realtimeKey, renderInDashboard } from '../test/render-in-dashboard';
import { SilenceBanner, SpikeBanner } from './wall-banners';

const MINUTE = 60_000;
const T0 = busy.timestamp;

/** The busy answer's rows moved by `shiftMs`, answered at `at`. */
function busyAnswer(shiftMs: number, at: number) {
  const events = busy.events.map((e) => ({ ...e, createdAt: new Date(Date.parse(e.createdAt) + shiftMs).toISOString() }));
  return realtimeResult({ ...busy, events, timestamp: at }, { receivedAt: at });
}
const emptyAnswer = (at: number) => realtimeResult({ ...empty, timestamp: at }, { receivedAt: at });

async function poll(client: QueryClient, result: ReturnType<typeof busyAnswer>) {
  await act(async () => {
    client.setQueryData(realtimeKey(), result);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})));
});
afterEach(() => vi.unstubAllGlobals());

describe('SilenceBanner', () => {
  const banner = () => screen.queryByTestId('silence-banner');

  test('shows while the site has had no page view for the minutes asked, and clears when views return', async () => {
    const { client } = renderInDashboard(<SilenceBanner minutes={15} />, { seed: busyAnswer(0, T0) });
    expect(banner()).toBeNull();
    // The busy answer's newest view is 4.2 s before its time.
    await poll(client, busyAnswer(0, T0 + 14 * MINUTE));
    expect(banner()).toBeNull();
    await poll(client, busyAnswer(0, T0 + 15 * MINUTE));
    expect(banner()).toHaveTextContent('No page views for 15 minutes — is tracking still working?');
    // The window has moved past the last view: the page still remembers it.
    await poll(client, emptyAnswer(T0 + 40 * MINUTE));
    expect(banner()).toHaveTextContent('No page views for 40 minutes — is tracking still working?');
    await poll(client, busyAnswer(41 * MINUTE, T0 + 41 * MINUTE));
    expect(banner()).toBeNull();
  });

  test('a site without a view since the page opened has nothing to fall silent from', () => {
    renderInDashboard(<SilenceBanner minutes={1} />, { seed: emptyAnswer(T0) });
    expect(banner()).toBeNull();
  });

  test('one minute reads as one minute', async () => {
    const { client } = renderInDashboard(<SilenceBanner minutes={1} />, { seed: busyAnswer(0, T0) });
    await poll(client, busyAnswer(0, T0 + MINUTE + 30_000));
    expect(banner()).toHaveTextContent('No page views for 1 minute — is tracking still working?');
  });
});

describe('SpikeBanner', () => {
  const wallClock = (ms: number) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms) + ':00';
  /** An answer whose series has `views[i]` in the i-th of the 30 minutes up to T0's. */
  function seriesAnswer(views: number[]) {
    const end = Math.floor(T0 / MINUTE) * MINUTE;
    const points = views.map((y, i) => ({ x: wallClock(end - (views.length - 1 - i) * MINUTE), y })).filter((p) => p.y > 0);
    return realtimeResult({ ...busy, series: { views: points, visitors: points } }, { receivedAt: T0 });
  }
  const banner = () => screen.queryByTestId('spike-banner');

  test('steady traffic: no notice', () => {
    renderInDashboard(<SpikeBanner factor={3} />, { seed: seriesAnswer(Array.from({ length: 30 }, () => 4)) });
    expect(banner()).toBeNull();
  });

  test('a burst in the last 5 minutes: the notice, with its numbers', () => {
    renderInDashboard(<SpikeBanner factor={3} />, { seed: seriesAnswer([...Array.from({ length: 25 }, () => 1), 10, 10, 10, 10, 10]) });
    expect(banner()).toHaveTextContent(/^Traffic spike: 50 page views in the last 5 minutes, \d+\.\d× the 30-minute average$/);
  });
});
