import type { ApiErrorCode } from '../api/errors.ts';

// The codes the proxy itself answers with (the rest of API_ERROR_CODES are browser-only).
export type ProxyErrorCode = Extract<
  ApiErrorCode,
  | 'bad-credentials'
  | 'dashboard-token-required'
  | 'unknown-website'
  | 'invalid-website-id'
  | 'rate-limited'
  | 'upstream-down'
  | 'upstream-timeout'
  | 'upstream-malformed'
  | 'upstream-error'
  | 'not-found'
  | 'method-not-allowed'
  | 'invalid-parameter'
  | 'upstream-unsupported'
>;

export const STATUS: Record<ProxyErrorCode, number> = {
  'bad-credentials': 401,
  'dashboard-token-required': 401,
  'unknown-website': 404,
  'invalid-website-id': 400,
  'rate-limited': 429,
  'upstream-down': 502,
  'upstream-timeout': 504,
  'upstream-malformed': 502,
  'upstream-error': 502,
  'not-found': 404,
  'method-not-allowed': 405,
  'invalid-parameter': 400,
  // Umami itself works; it just does not implement this route (or share section) here.
  'upstream-unsupported': 501,
};

// Written for the person running the server; the browser shows its own text for each code.
const MESSAGES: Record<ProxyErrorCode, string> = {
  'bad-credentials': 'Umami refused the credentials configured on the dashboard server.',
  'dashboard-token-required': 'This dashboard is private: open it with the link that ends in ?token=…',
  'unknown-website': 'This website is unknown or not allowed on this dashboard.',
  'invalid-website-id': 'The website id must be a UUID.',
  'rate-limited': 'Umami is rate limiting the dashboard server; it retries shortly.',
  'upstream-down': 'Umami cannot be reached.',
  'upstream-timeout': 'Umami did not answer in time.',
  'upstream-malformed': 'Umami sent an answer that is not the expected JSON.',
  'upstream-error': 'Umami answered with an error.',
  'not-found': 'No such address.',
  'method-not-allowed': 'Only GET and HEAD are allowed here.',
  'invalid-parameter': 'A query parameter is missing or not one of the allowed values.',
  'upstream-unsupported': 'Umami does not offer this route here (an older Umami, or a share link without that section).',
};

/**
 * A failure the proxy answers with. For `rate-limited`, `retryAfterMs` is Umami's Retry-After
 * (null if it sent none) or the wait for the proxy's own budget (`byBudget`).
 */
export class ProxyError extends Error {
  override name = 'ProxyError';
  constructor(
    readonly code: ProxyErrorCode,
    readonly retryAfterMs: number | null = null,
    readonly byBudget = false,
  ) {
    super(MESSAGES[code]);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function errorBody(code: ProxyErrorCode): string {
  return JSON.stringify({ error: { code, message: MESSAGES[code] } });
}
