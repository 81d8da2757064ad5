/// <reference lib="webworker" />
// The realtime poll off the main thread: fetch, JSON parse and schema validation of an answer
// (~160 events on a busy site) run here, and the page gets only what changed since the answer
// it holds (realtime-delta.ts) as a structured clone. On a TV stick that is a few milliseconds
// less main-thread work per poll (see BENCHMARKS.md). Same origin as the page, so the proxy's
// cookie goes along.
import { ApiError, messageFor } from './client';
import { fetchRealtime, type RealtimeResult } from './fetch-realtime';
import { answerKey, diffRealtime, keepAnswer } from './realtime-delta';
import type { WorkerReply, WorkerRequest } from './realtime-worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

const running = new Map<number, AbortController>();
/** The last answer sent for each site and zone, with its number. */
const sent = new Map<string, { seq: number; result: RealtimeResult }>();
let lastSeq = 0;

self.onmessage = async ({ data }: MessageEvent<WorkerRequest>) => {
  if (data.type === 'abort') {
    running.get(data.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(data.id, controller);
  let reply: WorkerReply;
  try {
    const result = await fetchRealtime(data.websiteId, data.timezone, controller.signal);
    const key = answerKey(data.websiteId, data.timezone);
    const previous = sent.get(key);
    // Only a patch on the very answer the page holds: it may have missed later ones.
    const base = previous !== undefined && previous.seq === data.base ? previous : null;
    const seq = ++lastSeq;
    reply = { id: data.id, ok: true, seq, base: base?.seq ?? null, patch: diffRealtime(base?.result ?? null, result) };
    keepAnswer(sent, key, { seq, result });
  } catch (error) {
    reply = {
      id: data.id,
      ok: false,
      error:
        error instanceof ApiError
          ? { status: error.status, code: error.code, message: error.message }
          : { status: 0, code: controller.signal.aborted ? 'aborted' : 'unknown', message: messageFor('unknown') },
    };
  } finally {
    running.delete(data.id);
  }
  self.postMessage(reply);
};
