import { expect, test } from 'vitest';
import { createCredential } from './credential.ts';

function deferredLogins() {
  const calls: Array<(value: string) => void> = [];
  const obtain = () => new Promise<string>((resolve) => calls.push(resolve));
  return { calls, obtain };
}

test('concurrent first uses obtain once', async () => {
  const logins = deferredLogins();
  const credential = createCredential(logins.obtain);
  const all = Promise.all([credential.get(), credential.get(), credential.get()]);
  expect(logins.calls).toHaveLength(1);
  logins.calls[0]?.('t1');
  expect(await all).toEqual(['t1', 't1', 't1']);
  expect(await credential.get()).toBe('t1');
  expect(logins.calls).toHaveLength(1);
});

test('concurrent renewals of the same rejected value obtain once; late ones get the new value', async () => {
  const logins = deferredLogins();
  const clock = { now: 0 };
  const credential = createCredential(logins.obtain, { now: () => clock.now, minIntervalMs: 30_000 });
  const first = credential.get();
  logins.calls[0]?.('t1');
  await first;
  clock.now += 30_000;
  const renewals = Promise.all([credential.renew('t1'), credential.renew('t1')]);
  expect(logins.calls).toHaveLength(2);
  logins.calls[1]?.('t2');
  expect(await renewals).toEqual(['t2', 't2']);
  // A 401 that arrives after the renewal, for the old token, must not log in again.
  expect(await credential.renew('t1')).toBe('t2');
  expect(logins.calls).toHaveLength(2);
});

test('a failed obtain is tried again once the interval has passed, not on every use before', async () => {
  const clock = { now: 0 };
  let n = 0;
  const credential = createCredential(
    async () => {
      n++;
      if (n === 1) throw new Error('refused');
      return `t${n}`;
    },
    { now: () => clock.now, minIntervalMs: 30_000 },
  );
  await expect(credential.get()).rejects.toThrow('refused');
  for (let i = 0; i < 10; i++) await expect(credential.get()).rejects.toThrow('refused');
  expect(n).toBe(1);
  clock.now += 30_000;
  expect(await credential.get()).toBe('t2');
});

test('a value renewed within the interval is not renewed again: renew says null (the refusal is about the request)', async () => {
  const clock = { now: 0 };
  let n = 0;
  const credential = createCredential(async () => `t${++n}`, { now: () => clock.now, minIntervalMs: 30_000 });
  expect(await credential.get()).toBe('t1');
  clock.now += 30_000;
  expect(await credential.renew('t1')).toBe('t2');
  for (let i = 0; i < 30; i++) expect(await credential.renew('t2')).toBeNull();
  expect(n).toBe(2);
  clock.now += 30_000;
  expect(await credential.renew('t2')).toBe('t3');
});

test('a refusal right after the first obtain is about the request: renew says null, no second obtain', async () => {
  const clock = { now: 0 };
  let n = 0;
  const credential = createCredential(async () => `t${++n}`, { now: () => clock.now, minIntervalMs: 30_000 });
  expect(await credential.get()).toBe('t1');
  clock.now += 29_999;
  expect(await credential.renew('t1')).toBeNull();
  expect(n).toBe(1);
  clock.now += 1;
  expect(await credential.renew('t1')).toBe('t2');
});
