import type { Priority, UpstreamBudget } from './budget.ts';
import { ProxyError } from './proxy-error.ts';

// The one road to Umami: every upstream HTTP call (data, login, share lookup) passes here, so
// the budget, timeout, size limit and redirect policy hold for all of them.

export type UpstreamResponse = { status: number; headers: Headers; body: Buffer };

export type UpstreamRequest = {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  json?: unknown;
  /** `low` for the exact routes: they may use only half of the budget. */
  priority?: Priority;
};

export type FetchOptions = {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBodyBytes: number;
  budget: UpstreamBudget;
};

export type UpstreamFetch = (request: UpstreamRequest) => Promise<UpstreamResponse>;

async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ProxyError('upstream-malformed');
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ProxyError('upstream-malformed');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

export function createUpstreamFetch(options: FetchOptions): UpstreamFetch {
  return async ({ method, url, headers, json, priority = 'high' }) => {
    if (!options.budget.take(priority)) throw new ProxyError('rate-limited', options.budget.waitMs(priority), true);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    try {
      const response = await options.fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          'user-agent': 'pulseboard-proxy',
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: json === undefined ? undefined : JSON.stringify(json),
        // A redirect could carry the credential headers to another host: never follow one.
        redirect: 'manual',
        signal: timeout,
      });
      const body = await readLimited(response, options.maxBodyBytes);
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      if (error instanceof ProxyError) throw error;
      // Only the code leaves this function: fetch errors can quote the URL.
      if (timeout.aborted) throw new ProxyError('upstream-timeout');
      throw new ProxyError('upstream-down');
    }
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ProxyError('upstream-malformed');
  }
}

/** A JSON object body, or `upstream-malformed` (Umami answers some failures with an empty 200/500). */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  const value = parseJson(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ProxyError('upstream-malformed');
  return value as Record<string, unknown>;
}

/** A JSON array body (the expanded metrics), or `upstream-malformed`. */
export function parseJsonArray(body: Buffer): unknown[] {
  const value = parseJson(body);
  if (!Array.isArray(value)) throw new ProxyError('upstream-malformed');
  return value;
}
