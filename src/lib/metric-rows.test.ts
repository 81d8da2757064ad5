import { expect, test } from 'vitest';
import { countsByName } from './metric-rows';

const rows = [
  { name: 'DE', pageviews: 66, visitors: 2 },
  { name: null, pageviews: 5, visitors: 1 },
  { name: 'BR', pageviews: 40, visitors: 1 },
  { name: null, pageviews: 3, visitors: 2 },
  { name: '__proto__', pageviews: 1, visitors: 1 },
];

// Entries, not object literals: `{ __proto__: 1 }` would set a prototype, not a key.
test.each<[string, 'pageviews' | 'visitors', string | null, [string, number][]]>([
  ['visitors, unnamed rows left out', 'visitors', null, [['DE', 2], ['BR', 1], ['__proto__', 1]]],
  ['visitors, unnamed rows added up', 'visitors', 'unknown', [['DE', 2], ['unknown', 3], ['BR', 1], ['__proto__', 1]]],
  ['pageviews', 'pageviews', 'unknown', [['DE', 66], ['unknown', 8], ['BR', 40], ['__proto__', 1]]],
])('%s', (_name, field, unnamed, expected) => {
  expect([...countsByName(rows, field, unnamed)]).toEqual(expected);
});
