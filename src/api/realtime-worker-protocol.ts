import type { ApiErrorCode } from './errors';
import type { RealtimeResult } from './fetch-realtime';

/** Page → worker: start a poll, or cancel one (TanStack Query aborts a poll it no longer needs). */
export type WorkerRequest =
  | { type: 'fetch'; id: number; websiteId: string; timezone: string }
  | { type: 'abort'; id: number };

/** Worker → page: the validated result, or the failure as plain data (errors do not clone). */
export type WorkerReply =
  | { id: number; ok: true; result: RealtimeResult }
  | { id: number; ok: false; error: { status: number; code: ApiErrorCode | 'aborted'; message: string } };
