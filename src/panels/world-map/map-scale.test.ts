import { describe, expect, test } from 'vitest';
import { colorStep, legendSteps, stepFill } from './map-scale';

describe('colorStep', () => {
  test.each([
    [0, 10, 0], // no visitors: neutral
    [0, 0, 0],
    [-1, 10, 0],
    [Number.NaN, 10, 0],
    [1, 0, 0], // no maximum: nothing to scale against
    [1, 1, 5], // one visitor, max one: the top step
    [1, 2, 3],
    [2, 2, 5],
    [1, 10, 1],
    [2, 10, 1],
    [3, 10, 2],
    [5, 10, 3],
    [8, 10, 4],
    [9, 10, 5],
    [10, 10, 5],
    [12, 10, 5], // above the max (should not happen): clamped
    [1, 1000, 1], // tiny share: still coloured, never neutral
  ])('%s of max %s → step %i', (value, max, step) => {
    expect(colorStep(value, max)).toBe(step);
  });
});

describe('legendSteps', () => {
  test.each([
    [0, []],
    [1, [{ step: 5, from: 1, to: 1 }]],
    [
      2,
      [
        { step: 3, from: 1, to: 1 },
        { step: 5, from: 2, to: 2 },
      ],
    ],
    [
      10,
      [
        { step: 1, from: 1, to: 2 },
        { step: 2, from: 3, to: 4 },
        { step: 3, from: 5, to: 6 },
        { step: 4, from: 7, to: 8 },
        { step: 5, from: 9, to: 10 },
      ],
    ],
    [
      7,
      [
        { step: 1, from: 1, to: 1 },
        { step: 2, from: 2, to: 2 },
        { step: 3, from: 3, to: 4 },
        { step: 4, from: 5, to: 5 },
        { step: 5, from: 6, to: 7 },
      ],
    ],
  ])('max %i → %j', (max, expected) => {
    expect(legendSteps(max)).toEqual(expected);
  });

  // The legend must say the same as the fills: every count lands in the range of its own step.
  test.each([1, 2, 3, 4, 5, 6, 7, 9, 10, 13, 24, 99, 100, 1234])('max %i: each value 1…max sits in its step’s range', (max) => {
    const steps = legendSteps(max);
    for (let value = 1; value <= max; value++) {
      const range = steps.find((s) => value >= s.from && value <= s.to);
      expect(range?.step).toBe(colorStep(value, max));
    }
  });
});

describe('stepFill', () => {
  test.each([
    [0, 'var(--color-map-0, #2f3648)'],
    [1, 'var(--color-map-1, #08519c)'],
    [5, 'var(--color-map-5, #eff3ff)'],
  ])('step %i → %s', (step, fill) => {
    expect(stepFill(step)).toBe(fill);
  });
});
