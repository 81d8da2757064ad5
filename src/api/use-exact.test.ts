import { expect, test } from 'vitest';
import { pickFigure } from './use-exact';

const MAX_AGE = 60_000;
type State = Parameters<typeof pickFigure<number>>[0];
const state = (s: Partial<State>): State => ({ data: undefined, dataUpdatedAt: 0, errorUpdatedAt: 0, ...s });

test.each<[string, State, number | undefined, ReturnType<typeof pickFigure<number>>]>([
  ['exact answer: exact', state({ data: 11, dataUpdatedAt: 1_000 }), 82, { value: 11, sample: false }],
  ['first exact answer on its way: nothing yet', state({}), 82, undefined],
  ['exact route refused from the start: the sample, marked', state({ errorUpdatedAt: 5 }), 82, { value: 82, sample: true }],
  ['refused, and no realtime answer yet either: nothing', state({ errorUpdatedAt: 5 }), undefined, undefined],
  ['one failed poll after a good one: the recent exact figure stays', state({ data: 11, dataUpdatedAt: 1_000, errorUpdatedAt: 31_000 }), 82, { value: 11, sample: false }],
  ['failing for longer than two intervals: the sample', state({ data: 11, dataUpdatedAt: 1_000, errorUpdatedAt: 91_000 }), 82, { value: 82, sample: true }],
  ['recovered: exact again', state({ data: 12, dataUpdatedAt: 121_000, errorUpdatedAt: 91_000 }), 82, { value: 12, sample: false }],
])('%s', (_name, exact, sample, expected) => {
  expect(pickFigure(exact, sample, MAX_AGE)).toEqual(expected);
});
