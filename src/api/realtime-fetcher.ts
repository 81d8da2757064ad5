import { replaceEqualDeep } from '@tanstack/react-query';
import { ApiError } from './client';
import type { RealtimeResult } from './fetch-realtime';
import { answerKey, applyRealtimePatch, diffRealtime, keepAnswer } from './realtime-delta';
import type { WorkerReply, WorkerRequest } from './realtime-worker-protocol';

/** The answer held for a site and zone; `seq` is the worker's number for it (null: not from it). */
type Held = { seq: number | null; result: RealtimeResult };
type Pending = { key: string; base: Held | undefined; resolve: (result: RealtimeResult) => void; reject: (error: unknown) => void };

let worker: Worker | null = null;
let broken = typeof Worker === 'undefined';
let nextId = 1;
/** Polls asked for so far on this page: the first one runs on the page itself. */
let polls = 0;
const pending = new Map<number, Pending>();

/** The last answer for each site and zone, to build the next one on. */
const held = new Map<string, Held>();
/**
 * Answers that already share their unchanged parts with the one before, and those parts (the
 * counts, the totals, the events): see `shareRealtime`.
 */
const shared = new WeakSet<object>();

function keep(key: string, entry: Held): RealtimeResult {
  keepAnswer(held, key, entry);
  const { result } = entry;
  shared.add(result);
  shared.add(result.data);
  for (const part of Object.values(result.data)) if (typeof part === 'object' && part !== null) shared.add(part);
  return result;
}

/**
 * TanStack Query's `structuralSharing` for the realtime query. An answer from this module
 * already reuses the previous answer's objects wherever nothing changed (realtime-delta.ts), so
 * it is taken as it is: comparing it again field by field would only copy every event that
 * moved down a place (the comparison goes by index) and make garbage of the copies. So is one
 * of its parts that a panel's `select` returns (the urls, the totals): comparing a busy site's
 * 200 page counts again made a copy of them on every poll. Anything else (a `select` result
 * built from the answer) is shared the usual way.
 */
export function shareRealtime(previous: unknown, next: unknown): unknown {
  return typeof next === 'object' && next !== null && shared.has(next) ? next : replaceEqualDeep(previous, next);
}

function abortError(): DOMException {
  return new DOMException('The poll was cancelled', 'AbortError');
}

function startWorker(): Worker | null {
  if (broken) return null;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./realtime-worker.ts', import.meta.url), { type: 'module', name: 'pulseboard-realtime' });
  } catch {
    broken = true;
    return null;
  }
  worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
    const request = pending.get(data.id);
    if (!request) return;
    pending.delete(data.id);
    if (data.ok) {
      // The worker builds on the answer the page held when it asked, or on nothing.
      const base = data.base !== null && request.base?.seq === data.base ? request.base.result : null;
      if (data.base !== null && base === null) request.reject(new ApiError(0, 'unknown', 'The background poller lost track; the next poll starts afresh.'));
      else request.resolve(keep(request.key, { seq: data.seq, result: applyRealtimePatch(base, data.patch) }));
    } else if (data.error.code === 'aborted') request.reject(abortError());
    else request.reject(new ApiError(data.error.status, data.error.code, data.error.message));
  };
  // A worker that cannot start (a strict CSP, an old browser) or dies: polls run on the page
  // from then on, and the ones in flight fail once, to be retried by the next poll.
  worker.onerror = () => {
    broken = true;
    worker?.terminate();
    worker = null;
    for (const [, request] of pending) request.reject(new ApiError(0, 'unknown', 'The background poller stopped; the dashboard keeps retrying.'));
    pending.clear();
  };
  return worker;
}

/**
 * Starts the poll worker ahead of the first poll, so loading its script overlaps the page's
 * own start (the websites list, the first render) instead of delaying the first numbers.
 */
export function prepareRealtimeWorker(): void {
  startWorker();
}

/**
 * `fetchRealtime`, run in a dedicated worker when the browser has one (see realtime-worker.ts),
 * on the page for the first poll and where there is no worker (jsdom in unit tests). Same result, same
 * `ApiError`s, and the signal cancels the request in the worker too.
 */
export function fetchRealtimeOffThread(websiteId: string, timezone: string, signal?: AbortSignal): Promise<RealtimeResult> {
  // The page's first poll does not wait for the worker to load and start (it is started with
  // the page, and takes the polls after it): the first numbers come a few hundred ms sooner on
  // a slow screen. The schema code for it is a small chunk loaded on demand.
  const key = answerKey(websiteId, timezone);
  const target = polls++ === 0 ? null : startWorker();
  if (!target) {
    return import('./fetch-realtime').then(async ({ fetchRealtime }) => {
      const result = await fetchRealtime(websiteId, timezone, signal);
      const before = held.get(key)?.result ?? null;
      return keep(key, { seq: null, result: before ? applyRealtimePatch(before, diffRealtime(before, result)) : result });
    });
  }
  if (signal?.aborted) return Promise.reject(abortError());
  const id = nextId++;
  const base = held.get(key);
  return new Promise<RealtimeResult>((resolve, reject) => {
    pending.set(id, { key, base, resolve, reject });
    signal?.addEventListener(
      'abort',
      () => {
        if (!pending.delete(id)) return;
        target.postMessage({ type: 'abort', id } satisfies WorkerRequest);
        reject(abortError());
      },
      { once: true },
    );
    target.postMessage({ type: 'fetch', id, websiteId, timezone, base: base?.seq ?? null } satisfies WorkerRequest);
  });
}
