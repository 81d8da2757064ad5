import type { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { RealtimeResult } from '../../api/realtime';
import { parseRealtime } from '../../api/realtime-schema';
import type { Dashboard } from '../../dashboard-context';
import busy from '../../test/fixtures/umami-3.1/realtime-busy.json';
import empty from '../../test/fixtures/umami-3.1/realtime-empty.json';
import { EventFeedPanel } from './event-feed-panel';
import { realtimeResult } from '../../test/realtime-result';
import { realtimeKey, renderInDashboard, TEST_DASHBOARD } from '../../test/render-in-dashboard';

const key = realtimeKey();
/** jsdom has no layout: the list shows its fallback count. */
const FALLBACK_ROWS = 12;

function result(body: unknown): RealtimeResult {
  const receivedAt = Date.now();
  return realtimeResult(body, { timezone: TEST_DASHBOARD.timezone, receivedAt });
}

function renderFeed(body?: unknown) {
  return renderInDashboard(<EventFeedPanel />, { seed: body === undefined ? undefined : result(body) }).client;
}

/** A new answer arrives. TanStack Query notifies observers on a 0 ms timer: wait for it. */
async function poll(client: QueryClient, body: unknown) {
  await act(async () => {
    client.setQueryData(key, result(body));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

const rows = () => within(screen.getByTestId('event-feed')).queryAllByTestId('event-row');
const rowIds = () => rows().map((row) => row.dataset.id);
const busyIds = parseRealtime(busy, 0).events.map((event) => event.id);

beforeEach(() => {
  // Only reached if a test forgets to seed data: never resolve, never hit the network.
  vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})));
});
afterEach(() => vi.unstubAllGlobals());

describe('EventFeedPanel', () => {
  test('newest first, as an ordered list of rows that fit', () => {
    renderFeed(busy);
    const list = within(screen.getByTestId('event-feed')).getByRole('list');
    expect(list.tagName).toBe('OL');
    expect(rows()).toHaveLength(FALLBACK_ROWS);
    expect(rowIds()).toEqual(busyIds.slice(0, FALLBACK_ROWS));
    expect(rows().every((row) => row.tagName === 'LI')).toBe(true);
  });

  test('a row reads as words: type, path, country, browser, OS, device, age', () => {
    renderFeed(busy);
    const [first, , , , , , , , session, , custom] = rows();
    expect(first).toHaveTextContent('Page view/products');
    expect(first).toHaveTextContent('Germany · Chrome · Windows 10 · Desktop');
    expect(first!.querySelector('.pb-feed-place')).toHaveAttribute('data-flag', '🇩🇪');
    expect(session).toHaveTextContent('New visitor/');
    expect(session).toHaveAttribute('data-type', 'session');
    expect(custom).toHaveTextContent('Eventadd-to-cart/products/widget-pro');
    expect(custom).toHaveTextContent('Netherlands · Chrome · Linux · Laptop');
    // 11:22:38.000 is 3 min 19.7 s before the answer's timestamp (11:25:57.741).
    expect(within(custom!).getByText('3 min ago').tagName).toBe('TIME');
    expect(within(custom!).getByText('3 min ago')).toHaveAttribute('dateTime', '2026-11-26T11:22:38.000Z');
  });

  test('unknown country and missing user agent fields', () => {
    const event = { ...busy.events[0]!, country: null, browser: 'vivaldi', os: null, device: null };
    renderFeed({ ...empty, events: [event] });
    expect(rows()[0]).toHaveTextContent(/Unknown · Vivaldi$/);
    // No flag, and no empty data-flag either: it would still draw the flag's gap.
    expect(rows()[0]!.querySelector('.pb-feed-place')).not.toHaveAttribute('data-flag');
  });

  test('shows a path with markup literally, as text', () => {
    const path = '/<img src=x onerror=alert(1)>';
    renderFeed({ ...empty, events: [{ ...busy.events[0]!, urlPath: path }] });
    expect(rows()[0]).toHaveTextContent(`Page view${path}`);
    expect(within(rows()[0]!).getByTitle(path)).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  test('a skeleton before the first data, an empty state for an empty window', () => {
    renderFeed();
    expect(within(screen.getByTestId('event-feed')).getAllByTestId('skeleton').length).toBeGreaterThan(0);
    expect(rows()).toHaveLength(0);
  });

  test('an empty window says so', () => {
    renderFeed(empty);
    expect(within(screen.getByTestId('event-feed')).getByText('No activity in the last 30 minutes')).toBeInTheDocument();
  });

  test('the filter shows views, visitors or events, with aria-pressed', () => {
    renderFeed(busy);
    const feed = within(screen.getByTestId('event-feed'));
    const group = feed.getByRole('group', { name: 'Show in the feed' });
    expect(group).toHaveClass('pb-control');
    const button = (name: string) => within(group).getByRole('button', { name });
    expect(button('All')).toHaveAttribute('aria-pressed', 'true');

    fireEvent.click(button('Visitors'));
    expect(button('Visitors')).toHaveAttribute('aria-pressed', 'true');
    expect(button('All')).toHaveAttribute('aria-pressed', 'false');
    expect(rows()).toHaveLength(12); // the busy answer has 12 session rows
    expect(rows().every((row) => row.dataset.type === 'session')).toBe(true);

    fireEvent.click(button('Events'));
    expect(rows()).toHaveLength(FALLBACK_ROWS);
    expect(rows().every((row) => row.dataset.type === 'event')).toBe(true);
    expect(rows()[0]).toHaveTextContent('add-to-cart');

    fireEvent.click(button('Views'));
    expect(rows().every((row) => row.dataset.type === 'pageview')).toBe(true);

    fireEvent.click(button('All'));
    expect(rowIds()).toEqual(busyIds.slice(0, FALLBACK_ROWS));
  });

  test('polls are merged: no duplicates, new rows are marked until the next poll, rows that left the answer stay', async () => {
    // Poll 1: the answer without its 6 newest rows.
    const client = renderFeed({ ...busy, events: busy.events.slice(6) });
    expect(rowIds()).toEqual(busyIds.slice(6, 6 + FALLBACK_ROWS));
    expect(rows().some((row) => row.classList.contains('pb-feed-new'))).toBe(false); // nothing is marked on load

    // Poll 2: the full answer, overlapping poll 1.
    await poll(client, busy);
    expect(rowIds()).toEqual(busyIds.slice(0, FALLBACK_ROWS));
    expect(new Set(rowIds()).size).toBe(FALLBACK_ROWS);
    expect(rows().map((row) => row.classList.contains('pb-feed-new'))).toEqual([...Array(6).fill(true), ...Array(6).fill(false)]);

    // Poll 3: the window slid and only the newest 3 rows remain in the answer; nothing new.
    await poll(client, { ...busy, events: busy.events.slice(0, 3) });
    expect(rowIds()).toEqual(busyIds.slice(0, FALLBACK_ROWS));
    expect(rows().some((row) => row.classList.contains('pb-feed-new'))).toBe(false);
  });

  test('rows older than 30 minutes on the server clock leave the feed', async () => {
    const client = renderFeed(busy);
    // An answer 28 min later: only rows from the last 30 min of that time remain.
    const later = busy.timestamp + 28 * 60_000;
    await poll(client, { ...empty, timestamp: later });
    const remaining = parseRealtime(busy, 0).events.filter((event) => event.createdAt >= later - 30 * 60_000);
    expect(remaining.length).toBeGreaterThan(0);
    expect(remaining.length).toBeLessThan(busyIds.length);
    expect(rowIds()).toEqual(remaining.slice(0, FALLBACK_ROWS).map((event) => event.id));
  });

  test('switching website starts a new feed: no rows of the old site, nothing glows', async () => {
    const other: Dashboard = { ...TEST_DASHBOARD, websiteId: '95b7680c-9158-4b84-b4ea-7ccc08cc94ea' };
    const { client, rerender } = renderInDashboard(<EventFeedPanel />, { seed: result(busy) });
    expect(rowIds()).toEqual(busyIds.slice(0, FALLBACK_ROWS));

    // The other site's first answer has not arrived: a skeleton, not the old site's rows.
    rerender(<EventFeedPanel />, other);
    expect(rows()).toHaveLength(0);
    expect(within(screen.getByTestId('event-feed')).getAllByTestId('skeleton').length).toBeGreaterThan(0);

    const otherEvents = busy.events.slice(50, 53);
    await act(async () => {
      client.setQueryData(realtimeKey(other), result({ ...busy, events: otherEvents }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(rowIds()).toEqual(busyIds.slice(50, 53));
    expect(rows().some((row) => row.classList.contains('pb-feed-new'))).toBe(false);
  });

  test('rows kept from earlier answers expire even when the answer itself stays the same', async () => {
    const client = renderFeed(busy);
    // The server's window slid past every row: its answers are empty from now on.
    await poll(client, { ...empty, timestamp: busy.timestamp + 60_000 });
    expect(rows().length).toBeGreaterThan(0); // still inside the feed's 30 minutes
    // An identical empty answer (same array, thanks to structural sharing), 28 min later.
    await poll(client, { ...empty, timestamp: busy.timestamp + 28 * 60_000 });
    const cutoff = busy.timestamp + 28 * 60_000 - 30 * 60_000;
    const remaining = parseRealtime(busy, 0).events.filter((event) => event.createdAt >= cutoff);
    expect(remaining.length).toBeLessThan(busyIds.length);
    expect(rowIds()).toEqual(remaining.slice(0, FALLBACK_ROWS).map((event) => event.id));
  });

  test('a failed poll keeps the rows', async () => {
    const client = renderFeed(busy);
    await act(async () => {
      client.getQueryCache().find({ queryKey: key })!.setState({ status: 'error', error: new Error('poll failed'), fetchStatus: 'idle' });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(within(screen.getByTestId('event-feed')).queryByRole('alert')).toBeNull();
    expect(rowIds()).toEqual(busyIds.slice(0, FALLBACK_ROWS));
  });
});
