import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, fetchJson } from './client';
import { fetchRealtime, realtimeUrl } from './realtime';
import { fixture } from '../test/fixtures';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(status: number, body: string, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(async () => new Response(body, { status, headers }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('fetchJson turns every failure into an ApiError a person can read', () => {
  test.each([
    [401, '{"error":{"code":"bad-credentials","message":"x"}}', 'bad-credentials', /refused the credentials/],
    [401, '{"error":{"code":"dashboard-token-required","message":"x"}}', 'dashboard-token-required', /private/],
    [401, '{"error":{"message":"Unauthorized","code":"unauthorized","status":401}}', 'bad-credentials', /credentials/],
    [404, '', 'unknown-website', /does not know this website/],
    [400, '{"error":{"code":"invalid-website-id","message":"x"}}', 'invalid-website-id', /not valid/],
    [429, '{"error":{"code":"rate-limited","message":"x"}}', 'rate-limited', /rate limiting/],
    [500, '', 'upstream-error', /answered with an error/],
    [502, '{"error":{"code":"upstream-down","message":"x"}}', 'upstream-down', /cannot be reached/],
    [502, '<html>bad gateway</html>', 'upstream-down', /cannot be reached/],
    [504, '', 'upstream-timeout', /too long/],
    [502, '{"error":{"code":"upstream-malformed","message":"x"}}', 'upstream-malformed', /cannot read/],
    [418, '{"error":{"code":"made-up","message":"x"}}', 'unknown', /went wrong/],
  ])('%i %s → %s', async (status, body, code, message) => {
    stubFetch(status, body);
    const error = await failure(fetchJson('/api/x'));
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  test('a 200 that is not JSON is malformed', async () => {
    stubFetch(200, '<html></html>');
    expect((await failure(fetchJson('/api/x'))).code).toBe('malformed');
  });

  test('a network failure says the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect((await failure(fetchJson('/api/x'))).code).toBe('network');
  });

  test('a request that outlives the timeout is a timeout', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
      ),
    );
    expect((await failure(fetchJson('/api/x', { timeoutMs: 20 }))).code).toBe('timeout');
  });

  test("the caller's abort is passed on, not shown as an error", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      ),
    );
    const controller = new AbortController();
    const promise = fetchJson('/api/x', { signal: controller.signal });
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('fetchRealtime', () => {
  test('asks in the given zone with no window, so every viewer of a site asks the same URL', () => {
    expect(realtimeUrl('23119484-709c-44bf-994c-92f109bda03b', 'Europe/Berlin')).toBe(
      '/api/realtime/23119484-709c-44bf-994c-92f109bda03b?timezone=Europe%2FBerlin',
    );
  });

  test('bypasses the browser’s HTTP cache, which would answer from a shared-cache copy and revalidate behind the poll', async () => {
    const fetchMock = stubFetch(200, JSON.stringify(fixture('busy')));
    await fetchRealtime('23119484-709c-44bf-994c-92f109bda03b', 'Europe/Berlin');
    expect(fetchMock).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ cache: 'no-store' }));
  });

  test('validates the body and reads the proxy headers', async () => {
    const fetchMock = stubFetch(200, JSON.stringify(fixture('busy')), { 'x-pulseboard-mode': 'demo', 'x-pulseboard-stale-age': '42' });
    const result = await fetchRealtime('23119484-709c-44bf-994c-92f109bda03b', 'Europe/Berlin', undefined, () => 1_000);
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(result.data.totals.views).toBe(96);
    expect(result).toMatchObject({ timezone: 'Europe/Berlin', receivedAt: 1_000, upstreamStaleAge: 42, mode: 'demo', staleReason: null });
  });

  test('a body of the wrong shape is a malformed-response error', async () => {
    stubFetch(200, JSON.stringify({ countries: 'none' }));
    expect((await failure(fetchRealtime('x', 'UTC'))).code).toBe('malformed');
  });
});
