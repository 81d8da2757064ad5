import type { ApiErrorCode } from './errors';
import type { RealtimePatch } from './realtime-delta';

/**
 * Page → worker: start a poll, or cancel one (TanStack Query aborts a poll it no longer needs).
 * `base` is the number of the worker's answer for this site and zone that the page holds:
 * the worker sends the new answer as a patch on it (realtime-delta.ts), or whole when it no
 * longer has that answer (null: the page holds none).
 */
export type WorkerRequest =
  | { type: 'fetch'; id: number; websiteId: string; timezone: string; base: number | null }
  | { type: 'abort'; id: number };

/**
 * Worker → page: the validated answer as a patch on answer `base` (null: on nothing), numbered
 * `seq`; or the failure as plain data (errors do not clone).
 */
export type WorkerReply =
  | { id: number; ok: true; seq: number; base: number | null; patch: RealtimePatch }
  | { id: number; ok: false; error: { status: number; code: ApiErrorCode | 'aborted'; message: string } };
