import { expect, test } from 'vitest';
import { clientKey, createClientLimit } from './client-limit.ts';

test.each([
  ['192.0.2.7', '192.0.2.7'],
  ['::ffff:192.0.2.7', '192.0.2.7'],
  ['::FFFF:c000:0207', '192.0.2.7'],
  ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
  ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
  ['2001:0DB8:0001:0002:0:0:0:ffff', '2001:db8:1:2::/64'],
  ['2001:db8::1', '2001:db8:0:0::/64'],
  ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ['::1', '0:0:0:0::/64'],
  ['64:ff9b::192.0.2.7', '64:ff9b:0:0::/64'],
  ['not an address', 'not an address'],
])('clientKey(%s) → %s', (address, key) => {
  expect(clientKey(address)).toBe(key);
});

const limit = () => createClientLimit({ burst: 3, refill: 1, refillMs: 1_000_000, now: () => 0 });

test('an IPv6 client rotating through its /64 shares one bucket', () => {
  const clients = limit();
  const waits = ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff::3', '2001:db8:1:2::4'].map((a) => clients.take(a));
  expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
  expect(waits[3]).toBeGreaterThan(0);
  // Another /64 is another client.
  expect(clients.take('2001:db8:1:3::1')).toBe(0);
});

test('IPv4 clients keep one bucket per address, and a mapped address is the same client', () => {
  const clients = limit();
  for (let i = 0; i < 3; i++) expect(clients.take('192.0.2.7')).toBe(0);
  expect(clients.take('::ffff:192.0.2.7')).toBeGreaterThan(0);
  expect(clients.take('192.0.2.8')).toBe(0);
});
