// Error codes shared by the proxy (src/server) and the browser. The proxy answers every
// failure as `{ "error": { "code": ApiErrorCode, "message": string } }`.
export const API_ERROR_CODES = [
  'bad-credentials',
  'dashboard-token-required',
  'unknown-website',
  'invalid-website-id',
  'rate-limited',
  'upstream-down',
  'upstream-timeout',
  'upstream-malformed',
  'upstream-error',
  'not-found',
  'method-not-allowed',
  'invalid-parameter',
  'upstream-unsupported',
  // Only produced in the browser:
  'malformed',
  'network',
  'timeout',
  'unknown',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** Response header the proxy sets when it serves a cached answer because upstream failed. */
export const STALE_HEADER = 'x-pulseboard-stale-age';
/** With the stale header: why the proxy could not ask Umami (an `ApiErrorCode`, e.g. `rate-limited`). */
export const STALE_REASON_HEADER = 'x-pulseboard-stale-reason';
/** Response header naming the upstream mode (`demo`, `cloud`, …); never a secret. */
export const MODE_HEADER = 'x-pulseboard-mode';
