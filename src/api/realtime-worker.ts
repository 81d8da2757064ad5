/// <reference lib="webworker" />
// The realtime poll off the main thread: fetch, JSON parse and schema validation of an answer
// (~160 events on a busy site) run here, and the page gets the validated result as a
// structured clone. On a TV stick that is a few milliseconds less main-thread work per poll
// (see BENCHMARKS.md). Same origin as the page, so the proxy's cookie goes along.
import { ApiError, messageFor } from './client';
import { fetchRealtime } from './fetch-realtime';
import type { WorkerReply, WorkerRequest } from './realtime-worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

const running = new Map<number, AbortController>();

self.onmessage = async ({ data }: MessageEvent<WorkerRequest>) => {
  if (data.type === 'abort') {
    running.get(data.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(data.id, controller);
  let reply: WorkerReply;
  try {
    reply = { id: data.id, ok: true, result: await fetchRealtime(data.websiteId, data.timezone, controller.signal) };
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
