import { isApiErrorCode, type ApiErrorCode } from './errors';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_TIMEOUT_MS = 12_000;

/** What a person should read for each failure: what went wrong and what to do. */
const MESSAGES: Record<ApiErrorCode, string> = {
  'bad-credentials':
    'Umami refused the credentials. Check UMAMI_API_KEY, UMAMI_USERNAME/UMAMI_PASSWORD or UMAMI_SHARE_URL on the server.',
  'dashboard-token-required':
    'This dashboard is private. Open it with the link you were given (it ends in ?token=…).',
  'unknown-website': 'Umami does not know this website. Check the website id in the address (?website=…).',
  'invalid-website-id': 'The website id in the address is not valid. It should look like 23119484-709c-44bf-994c-92f109bda03b.',
  'rate-limited': 'Umami is rate limiting this dashboard. It will retry automatically in a moment.',
  'upstream-down': 'Umami cannot be reached right now. The dashboard keeps retrying.',
  'upstream-timeout': 'Umami is taking too long to answer. The dashboard keeps retrying.',
  'upstream-malformed': 'Umami sent an answer the dashboard cannot read. Check that the server runs Umami 3.x.',
  'upstream-error': 'Umami answered with an error. The dashboard keeps retrying.',
  'not-found': 'The dashboard server does not know this address.',
  'method-not-allowed': 'The dashboard server refused this request.',
  'invalid-parameter': 'The dashboard asked for something the server does not offer.',
  'upstream-unsupported': 'This Umami does not offer exact figures here, so the dashboard shows its sample.',
  malformed: 'The dashboard received data it cannot read. It keeps retrying.',
  network: 'The dashboard server cannot be reached. Check the connection; it keeps retrying.',
  timeout: 'The dashboard server is taking too long to answer. It keeps retrying.',
  unknown: 'Something went wrong loading the data. The dashboard keeps retrying.',
};

export function messageFor(code: ApiErrorCode): string {
  return MESSAGES[code];
}

function codeForStatus(status: number): ApiErrorCode {
  if (status === 401 || status === 403) return 'bad-credentials';
  if (status === 404) return 'unknown-website';
  if (status === 400) return 'invalid-website-id';
  if (status === 429) return 'rate-limited';
  if (status === 504) return 'upstream-timeout';
  if (status === 502 || status === 503) return 'upstream-down';
  if (status >= 500) return 'upstream-error';
  return 'unknown';
}

/** Reads the proxy's `{ error: { code } }` body; falls back on the status. */
function errorFromBody(status: number, body: unknown): ApiError {
  let code = codeForStatus(status);
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'object' && error !== null && 'code' in error && isApiErrorCode(error.code)) {
      code = error.code;
    }
  }
  return new ApiError(status, code, messageFor(code));
}

export type JsonResponse = { body: unknown; headers: Headers; status: number };

/**
 * The one way the browser talks to the proxy: a GET with a timeout that also honours the
 * caller's abort signal, and every failure turned into an `ApiError` a person can read.
 */
export async function fetchJson(
  url: string,
  { signal, timeoutMs = DEFAULT_TIMEOUT_MS }: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    // Answers are public for shared caches; in the browser the poll alone decides when to ask (no stale-while-revalidate second request).
    response = await fetch(url, { signal: combined, headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  } catch (error) {
    if (signal?.aborted) throw error; // the caller cancelled: not a failure to show
    if (timeout.aborted) throw new ApiError(0, 'timeout', messageFor('timeout'));
    throw new ApiError(0, 'network', messageFor('network'));
  }

  let body: unknown = null;
  const text = await response.text().catch(() => '');
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, 'malformed', messageFor('malformed'));
    }
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  return { body, headers: response.headers, status: response.status };
}

/**
 * A GET whose body must pass `schema` (loaded on first use, so zod stays out of the first
 * chunk); a body that does not is a `malformed` ApiError.
 */
export async function fetchValidated<T>(
  url: string,
  loadSchema: () => Promise<{ safeParse(body: unknown): { success: true; data: T } | { success: false } }>,
  signal?: AbortSignal,
): Promise<T> {
  const [{ body }, schema] = await Promise.all([fetchJson(url, { signal }), loadSchema()]);
  const result = schema.safeParse(body);
  if (!result.success) throw new ApiError(200, 'malformed', messageFor('malformed'));
  return result.data;
}
