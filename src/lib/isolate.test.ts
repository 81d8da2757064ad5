import { expect, test } from 'vitest';
import { isolate } from './isolate';

test.each([
  ['a plain path', '/pricing', '\u2068/pricing\u2069'],
  ['a right-to-left override stays inside', '/\u202egpj.exe', '\u2068/\u202egpj.exe\u2069'],
  ['a pop inside cannot close the isolate early', '/a\u2069\u202eb', '\u2068/a\u202eb\u2069'],
  ['an isolate opened inside cannot outlive it', '\u2067x', '\u2068x\u2069'],
  ['empty', '', '\u2068\u2069'],
])('%s', (_name, text, expected) => {
  expect(isolate(text)).toBe(expected);
});
