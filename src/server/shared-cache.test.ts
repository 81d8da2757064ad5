import { afterEach, describe, expect, test, vi } from 'vitest';
import { ProxyError } from './proxy-error.ts';
import { STALE_MAX_MS, SWEEP_EVERY_MS, createSharedCache, type CacheResult } from './shared-cache.ts';

function setup(ttlMs = 5000, maxEntries = 100) {
  const clock = { now: 1_000_000 };
  const cache = createSharedCache({ ttlMs, maxEntries, now: () => clock.now, random: () => 0 });
  let calls = 0;
  const load = (body: string) => async () => {
    calls++;
    return Buffer.from(body);
  };
  const fail = (error: ProxyError) => async (): Promise<Buffer> => {
    calls++;
    throw error;
  };
  return { clock, cache, load, fail, calls: () => calls };
}

const text = (result: CacheResult) => (result.kind === 'error' ? result.error.code : `${result.kind}:${result.body.toString()}`);

describe('coalescing and TTL', () => {
  test('N concurrent callers share one load', async () => {
    const { cache } = setup();
    let resolve: (b: Buffer) => void = () => undefined;
    let loads = 0;
    const load = () => {
      loads++;
      return new Promise<Buffer>((r) => (resolve = r));
    };
    const results = Promise.all(Array.from({ length: 50 }, () => cache.get('k', load)));
    resolve(Buffer.from('a'));
    const all = await results;
    expect(loads).toBe(1);
    expect(all.map(text)).toEqual(Array(50).fill('fresh:a'));
    expect(all.filter((r) => r.kind === 'fresh' && r.source === 'coalesced')).toHaveLength(49);
    expect(cache.stats()).toMatchObject({ misses: 1, coalesced: 49, hits: 0 });
  });

  test('an answer is reused until the TTL ends, then reloaded', async () => {
    const { cache, clock, load, calls } = setup(5000);
    expect(text(await cache.get('k', load('a')))).toBe('fresh:a');
    clock.now += 4999;
    expect(await cache.get('k', load('b'))).toMatchObject({ kind: 'fresh', source: 'hit' });
    expect(calls()).toBe(1);
    clock.now += 1;
    expect(text(await cache.get('k', load('b')))).toBe('fresh:b');
    expect(calls()).toBe(2);
  });

  test('keys are independent; a per-call TTL overrides the default', async () => {
    const { cache, clock, load, calls } = setup(5000);
    await cache.get('a', load('a'));
    await cache.get('b', load('b'), 60_000);
    clock.now += 10_000;
    expect(text(await cache.get('b', load('b2'), 60_000))).toBe('fresh:b');
    expect(text(await cache.get('a', load('a2')))).toBe('fresh:a2');
    expect(calls()).toBe(3);
  });

  test('errors are cached for the TTL too, so a failing Umami is asked once per TTL', async () => {
    const { cache, clock, fail, load, calls } = setup(5000);
    expect(text(await cache.get('k', fail(new ProxyError('upstream-down'))))).toBe('upstream-down');
    expect(text(await cache.get('k', load('a')))).toBe('upstream-down');
    expect(calls()).toBe(1);
    clock.now += 5000;
    expect(text(await cache.get('k', load('a')))).toBe('fresh:a');
    expect(cache.stats().lastError).toEqual({ at: 1_000_000, code: 'upstream-down' });
    expect(cache.stats().lastSuccessAt).toBe(1_005_000);
  });

  test('a non-429 failure is answered as an error even when an older answer exists', async () => {
    const { cache, clock, load, fail } = setup(5000);
    await cache.get('k', load('a'));
    clock.now += 6000;
    for (const code of ['upstream-down', 'upstream-timeout', 'upstream-error', 'upstream-malformed', 'bad-credentials'] as const) {
      clock.now += 6000;
      expect(text(await cache.get('k', fail(new ProxyError(code))))).toBe(code);
    }
  });
});

describe('429: backoff and stale answers', () => {
  test('Retry-After is honoured: no load until it passes, callers get the last answer marked stale', async () => {
    const { cache, clock, load, fail, calls } = setup(5000);
    await cache.get('k', load('a'));
    clock.now += 6000;
    expect(await cache.get('k', fail(new ProxyError('rate-limited', 30_000)))).toMatchObject({ kind: 'stale', ageSeconds: 6 });
    for (let t = 0; t < 29_000; t += 1000) {
      clock.now += 1000;
      const result = await cache.get('k', load('b'));
      expect(result.kind).toBe('stale');
    }
    expect(calls()).toBe(2);
    clock.now += 1000; // 30 s after the 429
    expect(text(await cache.get('k', load('b')))).toBe('fresh:b');
    expect(calls()).toBe(3);
  });

  test('without Retry-After the pause grows exponentially (jitter pinned to 0) and resets on success', async () => {
    const { cache, clock, load, fail, calls } = setup(0);
    await cache.get('k', load('a'));
    const limited = fail(new ProxyError('rate-limited', null));
    await cache.get('k', limited);
    expect(calls()).toBe(2);
    const pauses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = calls();
      let waited = 0;
      while (calls() === before) {
        clock.now += 100;
        waited += 100;
        expect((await cache.get('k', limited)).kind).toBe('stale');
      }
      pauses.push(waited);
    }
    expect(pauses).toEqual([1000, 2000, 4000, 8000]);
    clock.now += 20_000;
    await cache.get('k', load('b'));
    await cache.get('k', limited);
    const before = calls();
    clock.now += 1000;
    await cache.get('k', limited);
    expect(calls()).toBe(before + 1); // back to the first step
  });

  test('a 429 with no earlier answer is a rate-limited error with the wait', async () => {
    const { cache, fail } = setup();
    const result = await cache.get('k', fail(new ProxyError('rate-limited', 12_000)));
    expect(result).toMatchObject({ kind: 'error', error: { code: 'rate-limited', retryAfterMs: 12_000 } });
    const during = await cache.get('k', fail(new ProxyError('upstream-down')));
    expect(during).toMatchObject({ kind: 'error', error: { code: 'rate-limited', retryAfterMs: 12_000 } });
  });

  test('coalesced callers of a 429 all get the stale answer', async () => {
    const { cache, clock, load } = setup(1000);
    await cache.get('k', load('a'));
    clock.now += 2000;
    let reject: (e: Error) => void = () => undefined;
    const pending = () => new Promise<Buffer>((_, r) => (reject = r));
    const all = Promise.all(Array.from({ length: 5 }, () => cache.get('k', pending)));
    reject(new ProxyError('rate-limited', 5000));
    expect((await all).map((r) => r.kind)).toEqual(['stale', 'stale', 'stale', 'stale', 'stale']);
  });

  test('an answer older than the realtime window is not served as stale', async () => {
    const { cache, clock, load, fail } = setup(1000);
    await cache.get('k', load('a'));
    clock.now += STALE_MAX_MS + 1;
    expect(text(await cache.get('k', fail(new ProxyError('rate-limited', 5000))))).toBe('rate-limited');
  });

  test('a budget refusal serves stale without starting a backoff', async () => {
    const { cache, clock, load, fail, calls } = setup(1000);
    await cache.get('k', load('a'));
    clock.now += 2000;
    expect((await cache.get('k', fail(new ProxyError('rate-limited', 500, true)))).kind).toBe('stale');
    expect(text(await cache.get('k', load('b')))).toBe('fresh:b');
    expect(calls()).toBe(3);
  });
});

describe('bounded memory', () => {
  test('least recently used keys are evicted beyond maxEntries', async () => {
    const { cache, load, calls } = setup(60_000, 3);
    for (const key of ['a', 'b', 'c']) await cache.get(key, load(key));
    await cache.get('a', load('a')); // a is now the most recent
    await cache.get('d', load('d'));
    expect(cache.stats().entries).toBe(3);
    expect(text(await cache.get('a', load('a2')))).toBe('fresh:a');
    expect(text(await cache.get('b', load('b2')))).toBe('fresh:b2'); // b was evicted
    expect(calls()).toBe(5);
  });

  test('idle keys expire', async () => {
    const { cache, clock, load } = setup(1000, 100);
    for (let i = 0; i < 50; i++) await cache.get(`k${i}`, load('x'));
    clock.now += STALE_MAX_MS + 1;
    await cache.get('new', load('x'));
    expect(cache.stats().entries).toBe(1);
  });

  test('thousands of keys stay within the cap', async () => {
    const { cache, load } = setup(60_000, 200);
    for (let i = 0; i < 5000; i++) await cache.get(`k${i}`, load('x'));
    expect(cache.stats().entries).toBe(200);
  });
});

describe('floods of new keys (issue 22)', () => {
  test('a flood of one-shot keys never evicts a key a viewer polls every interval; the viewer gets fresh-or-stale answers throughout', async () => {
    const { cache, clock, load } = setup(5000, 50);
    const viewer = () => cache.get('viewer', load('v'));
    expect(text(await viewer())).toBe('fresh:v');
    let n = 0;
    for (let interval = 0; interval < 30; interval++) {
      clock.now += 10_000;
      for (let i = 0; i < 500; i++) await cache.get(`flood${n++}`, load('x'));
      const result = await viewer();
      expect(result.kind === 'fresh' || result.kind === 'stale').toBe(true);
      expect(result.kind === 'error' ? null : result.body.toString()).toBe('v');
      // Still held: between two polls the key is at worst in need of a refresh, never gone.
      for (let i = 0; i < 500; i++) await cache.get(`flood${n++}`, load('x'));
      const again = await viewer();
      expect(again.kind === 'fresh' && again.source === 'hit').toBe(true);
    }
    expect(cache.stats().entries).toBeLessThanOrEqual(50);
  });

  test('a refused miss of a new key is a rate-limited error with the wait, and no load runs', async () => {
    const { cache, load, calls } = setup();
    const result = await cache.get('new', load('x'), undefined, () => 3000);
    expect(result.kind === 'error' && result.error.code === 'rate-limited' && result.error.retryAfterMs).toBe(3000);
    expect(calls()).toBe(0);
    expect(cache.stats()).toMatchObject({ entries: 0, refused: 1 });
  });

  test('admission is never asked for hits, nor for refreshing a key in use', async () => {
    const { cache, clock, load } = setup(5000);
    let asked = 0;
    const admit = () => {
      asked++;
      return 0;
    };
    await cache.get('k', load('a'), undefined, admit);
    await cache.get('k', load('a'), undefined, admit);
    clock.now += 6000;
    expect(text(await cache.get('k', load('b'), undefined, () => 1000))).toBe('fresh:b');
    expect(asked).toBe(1);
  });
});

describe('bounded by bytes', () => {
  test('least recently used answers go beyond maxBytes; memory held never exceeds it', async () => {
    const clock = { now: 0 };
    const cache = createSharedCache({ ttlMs: 60_000, maxEntries: 10_000, maxBytes: 10 * 1024 * 1024, now: () => clock.now });
    const big = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 500; i++) {
      await cache.get(`k${i}`, async () => big);
      expect(cache.stats().bytes).toBeLessThanOrEqual(10 * 1024 * 1024);
    }
    expect(cache.stats().entries).toBe(10);
    expect(cache.stats().bytes).toBe(10 * 1024 * 1024);
  });

  test('the size counted is what sizeOf says (body plus its gzip copy)', async () => {
    const cache = createSharedCache({ ttlMs: 60_000, maxEntries: 100, maxBytes: 1000, sizeOf: (body) => body.byteLength * 2 });
    for (let i = 0; i < 10; i++) await cache.get(`k${i}`, async () => Buffer.alloc(300));
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 600 });
  });

  test('an answer bigger than the budget is served but not kept', async () => {
    const { clock } = setup();
    const cache = createSharedCache({ ttlMs: 60_000, maxEntries: 100, maxBytes: 100, now: () => clock.now });
    const result = await cache.get('huge', async () => Buffer.alloc(1000, 'y'));
    expect(result.kind === 'fresh' && result.body.byteLength).toBe(1000);
    expect(cache.stats().bytes).toBe(0);
    let loads = 0;
    await cache.get('huge', async () => (loads++, Buffer.alloc(1000)));
    expect(loads).toBe(1);
  });
});

describe('memory returns after a flood', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A cache on a hand-moved clock whose sweep timer the test fires; 100 one-shot keys of 10 kB each, and a viewer's key. */
  async function flooded() {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = { now: 0 };
    const cache = createSharedCache({ ttlMs: 5_000, maxEntries: 500, now: () => clock.now });
    const viewer = Buffer.alloc(2_000, 'v');
    await cache.get('viewer', async () => viewer);
    for (let i = 0; i < 100; i++) await cache.get(`flood-${i}`, async () => Buffer.alloc(10_000, 'f'));
    expect(cache.stats().bytes).toBe(viewer.byteLength + 100 * 10_000);
    /** Moves the clock and the timers together. */
    const pass = (ms: number) => {
      clock.now += ms;
      vi.advanceTimersByTime(ms);
    };
    return { cache, viewer, pass };
  }

  test('with no request at all after it, the sweep releases every answer once it is too old to be served even stale', async () => {
    const { cache, pass } = await flooded();
    pass(STALE_MAX_MS - SWEEP_EVERY_MS);
    expect(cache.stats().bytes).toBeGreaterThan(100 * 10_000);
    pass(2 * SWEEP_EVERY_MS);
    expect(cache.stats()).toMatchObject({ bytes: 0, entries: 0 });
  });

  test('while a viewer polls every 10 s, the flood answers go once useless and the viewer answer stays', async () => {
    const { cache, viewer, pass } = await flooded();
    for (let t = 0; t < STALE_MAX_MS + 2 * SWEEP_EVERY_MS; t += 10_000) {
      pass(10_000);
      expect((await cache.get('viewer', async () => viewer)).kind).toBe('fresh');
    }
    expect(cache.stats()).toMatchObject({ bytes: viewer.byteLength, entries: 1 });
  });
});
