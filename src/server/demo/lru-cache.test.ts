import { expect, test } from 'vitest';
import { LruCache } from './lru-cache.ts';

test('evicts the least recently used entry once over the limit', () => {
  const cache = new LruCache<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  expect(cache.get('a')).toBe(1); // a is now the most recent
  cache.set('c', 3);
  expect(cache.get('b')).toBeUndefined();
  expect(cache.get('a')).toBe(1);
  expect(cache.get('c')).toBe(3);
  expect(cache.size).toBe(2);
});

test('overwriting a key keeps one entry', () => {
  const cache = new LruCache<string, number>(3);
  cache.set('a', 1);
  cache.set('a', 2);
  expect(cache.size).toBe(1);
  expect(cache.get('a')).toBe(2);
});

test('size never exceeds the limit', () => {
  const cache = new LruCache<number, number>(10);
  for (let i = 0; i < 1000; i += 1) cache.set(i, i);
  expect(cache.size).toBe(10);
  expect(cache.get(999)).toBe(999);
  expect(cache.get(989)).toBeUndefined();
});

test.each([0, -1, 1.5, Number.NaN])('rejects limit %d', (limit) => {
  expect(() => new LruCache(limit)).toThrow(RangeError);
});
