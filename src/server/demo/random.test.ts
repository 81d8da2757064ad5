import { expect, test } from 'vitest';
import { hashInts, hashString, intBetween, mulberry32, poisson, uuidFrom, weighted } from './random.ts';

const draw = (seed: number, n: number) => Array.from({ length: n }, mulberry32(seed));

test('mulberry32 repeats for a seed, differs between seeds, stays in [0, 1)', () => {
  expect(draw(42, 50)).toEqual(draw(42, 50));
  expect(draw(42, 50)).not.toEqual(draw(43, 50));
  for (const value of draw(7, 10_000)) {
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1);
  }
});

test.each([
  ['neighbouring minutes', [1, 2, 28_000_000], [1, 2, 28_000_001]],
  ['swapped arguments', [1, 2, 3], [1, 3, 2]],
  ['high words', [1, 2 ** 33], [1, 2 ** 34]],
  ['negative seed', [-1, 5], [1, 5]],
])('hashInts separates %s', (_name, a, b) => {
  expect(hashInts(...a)).not.toBe(hashInts(...b));
  expect(hashInts(...a)).toBe(hashInts(...a));
});

test('hashString is stable and 32-bit', () => {
  expect(hashString('shop')).toBe(hashString('shop'));
  expect(hashString('shop')).not.toBe(hashString('docs'));
  expect(hashString('x')).toBeLessThan(2 ** 32);
});

test.each([0.1, 0.5, 1.5, 3])('poisson with mean %d averages close to it', (mean) => {
  const rng = mulberry32(99);
  const n = 20_000;
  let total = 0;
  for (let i = 0; i < n; i += 1) total += poisson(rng, mean);
  expect(total / n).toBeGreaterThan(mean * 0.95);
  expect(total / n).toBeLessThan(mean * 1.05);
});

test.each([0, -1, Number.NaN])('poisson with mean %d is 0', (mean) => {
  expect(poisson(mulberry32(1), mean)).toBe(0);
});

test('intBetween covers both ends and nothing outside', () => {
  const rng = mulberry32(3);
  const seen = new Set(Array.from({ length: 2000 }, () => intBetween(rng, 2, 5)));
  expect([...seen].sort()).toEqual([2, 3, 4, 5]);
});

test('uuidFrom gives version-5 shaped ids like Umami session ids', () => {
  const rng = mulberry32(5);
  const ids = Array.from({ length: 500 }, () => uuidFrom(rng));
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(ids.length);
});

test('weighted picks in proportion and never picks a zero weight', () => {
  const table = weighted([
    ['a', 1],
    ['never', 0],
    ['b', 3],
  ] as const);
  const rng = mulberry32(11);
  const picks = Array.from({ length: 20_000 }, () => table.pick(rng));
  const share = picks.filter((p) => p === 'b').length / picks.length;
  expect(picks).not.toContain('never');
  expect(share).toBeGreaterThan(0.72);
  expect(share).toBeLessThan(0.78);
});

test('weighted rejects a table with nothing to pick', () => {
  expect(() => weighted([['a', 0]])).toThrow(/positive weight/);
});
