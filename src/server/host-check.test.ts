import { expect, test } from 'vitest';
import { allowedHostsFrom, isHostAllowed } from './host-check.ts';

const allowed = allowedHostsFrom('pulse.lan, Pulse.Example.com,.tv.example', '127.0.0.1');

test.each([
  ['127.0.0.1:4173'],
  ['192.168.1.20'],
  ['[::1]:4173'],
  ['[fe80::1]'],
  ['localhost:4173'],
  ['tv.localhost'],
  ['pulse.lan:4173'],
  ['PULSE.EXAMPLE.COM'],
  ['tv.example'],
  ['wall.tv.example:80'],
])('answers Host %s', (host) => {
  expect(isHostAllowed(host, allowed)).toBe(true);
});

test.each([
  ['evil.test'],
  ['pulse.lan.evil.test'],
  ['evilpulse.lan'],
  ['localhost.evil.test'],
  ['[not-an-ip]'],
  ['[::1'],
  ['[::1]evil'],
  ['1.2.3.4.evil.test'],
  [''],
])('refuses Host %j', (host) => {
  expect(isHostAllowed(host, allowed)).toBe(false);
});

test('a request without a Host header (HTTP/1.0) is answered, as Vite does', () => {
  expect(isHostAllowed(undefined, [])).toBe(true);
});

test('with nothing configured only IP addresses and localhost are answered', () => {
  const none = allowedHostsFrom(undefined, undefined);
  expect(none).toEqual([]);
  expect(isHostAllowed('127.0.0.1:4173', none)).toBe(true);
  expect(isHostAllowed('pulse.lan', none)).toBe(false);
});

test('HOST set to a name makes that name answerable, as Vite does', () => {
  expect(isHostAllowed('pulse.lan:8080', allowedHostsFrom('', 'pulse.lan'))).toBe(true);
});
