import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import busyJson from '../test/fixtures/umami-3.1/realtime-busy.json';
import type { RealtimeResult } from './fetch-realtime';
import { diffRealtime } from './realtime-delta';
import type { WorkerReply, WorkerRequest } from './realtime-worker-protocol';
import { realtimeResult } from '../test/realtime-result';

/** A stand-in for the poll worker: records what the page posts, answers when told to. */
class FakeWorker {
  static instances: FakeWorker[] = [];
  posted: WorkerRequest[] = [];
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor(readonly url: URL) {
    FakeWorker.instances.push(this);
  }
  postMessage(message: WorkerRequest) {
    this.posted.push(message);
  }
  reply(data: WorkerReply) {
    this.onmessage?.({ data } as MessageEvent<WorkerReply>);
  }
  /** Answers request `id` with `result` as answer number `seq`, as a patch on answer `base`. */
  answer(id: number, result: RealtimeResult, { seq = id, base = null }: { seq?: number; base?: { seq: number; result: RealtimeResult } | null } = {}) {
    this.reply({ id, ok: true, seq, base: base?.seq ?? null, patch: diffRealtime(base?.result ?? null, result) });
  }
  terminate() {
    this.terminated = true;
  }
}

const SITE = '23119484-709c-44bf-994c-92f109bda03b';

/**
 * A fresh copy of the module (it keeps its worker in module state), with its own ApiError,
 * past the page's first poll (which runs on the page, see the test below).
 */
async function loadFetcher() {
  vi.resetModules();
  const [{ fetchRealtimeOffThread, prepareRealtimeWorker, shareRealtime }, { ApiError }] = await Promise.all([import('./realtime-fetcher'), import('./client')]);
  prepareRealtimeWorker();
  // Another site: the page then holds no answer for SITE.
  await fetchRealtimeOffThread('00000000-0000-4000-8000-000000000000', 'UTC');
  fetchMock.mockClear();
  return { fetchRealtimeOffThread, ApiError, shareRealtime };
}

test("the page's first poll runs on the page, not waiting for the worker, which is started with the page", async () => {
  vi.resetModules();
  const { fetchRealtimeOffThread, prepareRealtimeWorker } = await import('./realtime-fetcher');
  prepareRealtimeWorker();
  expect(FakeWorker.instances).toHaveLength(1);
  expect((await fetchRealtimeOffThread(SITE, 'UTC')).data.totals.views).toBe(96);
  expect(fetchMock).toHaveBeenCalledTimes(1);
  expect(FakeWorker.instances[0]!.posted).toEqual([]);
  // The next one goes to the worker.
  void fetchRealtimeOffThread(SITE, 'UTC');
  expect(FakeWorker.instances[0]!.posted).toEqual([{ type: 'fetch', id: 1, websiteId: SITE, timezone: 'UTC', base: null }]);
  expect(fetchMock).toHaveBeenCalledTimes(1);
});

const fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify(busyJson), { headers: { 'content-type': 'application/json' } })));

beforeEach(() => {
  FakeWorker.instances = [];
  fetchMock.mockClear();
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

test('a poll goes to one worker, and its validated result comes back', async () => {
  const { fetchRealtimeOffThread } = await loadFetcher();
  const first = fetchRealtimeOffThread(SITE, 'Europe/Berlin');
  const second = fetchRealtimeOffThread(SITE, 'UTC');
  expect(FakeWorker.instances).toHaveLength(1);
  const worker = FakeWorker.instances[0]!;
  expect(worker.url.pathname).toMatch(/realtime-worker\.ts$/);
  expect(worker.posted).toEqual([
    { type: 'fetch', id: 1, websiteId: SITE, timezone: 'Europe/Berlin', base: null },
    { type: 'fetch', id: 2, websiteId: SITE, timezone: 'UTC', base: null },
  ]);
  const result = realtimeResult(busyJson);
  // Answers may come back in any order: each goes to its own request.
  worker.answer(2, { ...result, timezone: 'UTC' });
  worker.answer(1, result);
  expect((await first).timezone).toBe('Europe/Berlin');
  expect((await second).timezone).toBe('UTC');
});

test('the next poll asks for a patch on the answer the page holds, and what did not change keeps its objects', async () => {
  const { fetchRealtimeOffThread, shareRealtime } = await loadFetcher();
  const worker = FakeWorker.instances[0]!;
  const first = fetchRealtimeOffThread(SITE, 'UTC');
  worker.answer(1, realtimeResult(busyJson, { timezone: 'UTC' }), { seq: 7 });
  const held = await first;

  const second = fetchRealtimeOffThread(SITE, 'UTC');
  expect(worker.posted.at(-1)).toEqual({ type: 'fetch', id: 2, websiteId: SITE, timezone: 'UTC', base: 7 });
  // The worker's own copy of the answer: equal to the page's, not the same objects.
  const workerCopy = realtimeResult(busyJson, { timezone: 'UTC' });
  const moved = realtimeResult(busyJson, { timezone: 'UTC', receivedAt: workerCopy.receivedAt + 10_000 });
  moved.data.totals.views += 1;
  moved.data.events.pop();
  worker.answer(2, moved, { seq: 8, base: { seq: 7, result: workerCopy } });
  const result = await second;
  expect(result).toEqual(moved);
  expect(result.data.totals).not.toBe(held.data.totals);
  expect(result.data.urls).toBe(held.data.urls);
  expect(result.data.events.every((event, i) => event === held.data.events[i])).toBe(true);
  // TanStack Query takes it as it is, and a part of it that a panel selects (a changed one too);
  // anything else (a slice built from it) is shared as usual.
  expect(shareRealtime(held, result)).toBe(result);
  expect(shareRealtime(held.data.totals, result.data.totals)).toBe(result.data.totals);
  expect(shareRealtime(held.data.urls, result.data.urls)).toBe(held.data.urls);
  expect(shareRealtime({ a: [1] }, { a: [1] })).toEqual({ a: [1] });
  const slice = { a: [1] };
  expect(shareRealtime(slice, { a: [1] })).toBe(slice);

  // Another zone has its own answers.
  void fetchRealtimeOffThread(SITE, 'Europe/Berlin');
  expect(worker.posted.at(-1)).toMatchObject({ timezone: 'Europe/Berlin', base: null });
});

test('a patch on an answer the page no longer holds fails that poll, and the next asks afresh', async () => {
  const { fetchRealtimeOffThread, ApiError } = await loadFetcher();
  const worker = FakeWorker.instances[0]!;
  const poll = fetchRealtimeOffThread(SITE, 'UTC');
  const result = realtimeResult(busyJson, { timezone: 'UTC' });
  worker.answer(1, result, { seq: 3, base: { seq: 2, result } });
  await expect(poll).rejects.toBeInstanceOf(ApiError);
  void fetchRealtimeOffThread(SITE, 'UTC');
  expect(worker.posted.at(-1)).toMatchObject({ base: null });
});

test('a failure comes back as the same ApiError the page would have thrown', async () => {
  const { fetchRealtimeOffThread, ApiError } = await loadFetcher();
  const poll = fetchRealtimeOffThread(SITE, 'UTC');
  FakeWorker.instances[0]!.reply({ id: 1, ok: false, error: { status: 429, code: 'rate-limited', message: 'Slow down' } });
  const error: unknown = await poll.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 429, code: 'rate-limited', message: 'Slow down' });
});

test('cancelling a poll rejects it as aborted and tells the worker to stop the request', async () => {
  const { fetchRealtimeOffThread } = await loadFetcher();
  const controller = new AbortController();
  const poll = fetchRealtimeOffThread(SITE, 'UTC', controller.signal);
  controller.abort();
  await expect(poll).rejects.toMatchObject({ name: 'AbortError' });
  const worker = FakeWorker.instances[0]!;
  expect(worker.posted.at(-1)).toEqual({ type: 'abort', id: 1 });
  // A late answer for it is ignored.
  worker.answer(1, realtimeResult(busyJson));
  // An already aborted signal never reaches the worker.
  const aborted = new AbortController();
  aborted.abort();
  await expect(fetchRealtimeOffThread(SITE, 'UTC', aborted.signal)).rejects.toMatchObject({ name: 'AbortError' });
  expect(worker.posted).toHaveLength(2);
});

test('a worker that dies fails its polls once; later polls run on the page', async () => {
  const { fetchRealtimeOffThread, ApiError } = await loadFetcher();
  const inFlight = fetchRealtimeOffThread(SITE, 'UTC');
  const worker = FakeWorker.instances[0]!;
  worker.onerror?.({} as ErrorEvent);
  await expect(inFlight).rejects.toBeInstanceOf(ApiError);
  expect(worker.terminated).toBe(true);

  const next = await fetchRealtimeOffThread(SITE, 'UTC');
  expect(next.data.totals.views).toBe(96);
  expect(fetchMock).toHaveBeenCalledTimes(1);
  expect(FakeWorker.instances).toHaveLength(1);
});

test('without Worker (jsdom, old browsers) polls run on the page', async () => {
  vi.stubGlobal('Worker', undefined);
  const { fetchRealtimeOffThread } = await loadFetcher();
  expect((await fetchRealtimeOffThread(SITE, 'UTC')).data.totals.views).toBe(96);
  expect(fetchMock).toHaveBeenCalledWith(expect.stringContaining(`/api/realtime/${SITE}?`), expect.anything());
});
