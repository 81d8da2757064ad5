import { describe, expect, test } from 'vitest';
import { canonicalTimezone, matchRoute, realtimeQuery, splitTarget } from './routes.ts';

const ID = '23119484-709c-44bf-994c-92f109bda03b';
const NONE = { startAt: null, endAt: null, timezone: null, unit: null };

describe('matchRoute', () => {
  test.each([
    ['GET', `/api/realtime/${ID}`, { kind: 'realtime', websiteId: ID, query: NONE }],
    ['HEAD', `/api/realtime/${ID.toUpperCase()}`, { kind: 'realtime', websiteId: ID, query: NONE }],
    ['GET', '/api/websites', { kind: 'websites' }],
    ['GET', '/api/websites?page=2', { kind: 'websites' }],
    ['GET', '/healthz', { kind: 'healthz' }],
    ['GET', '/', { kind: 'static' }],
    ['GET', '/assets/index-abc.js', { kind: 'static' }],
    ['GET', '/apifoo', { kind: 'static' }],
    ['POST', '/', { kind: 'static' }],
  ])('%s %s', (method, target, route) => {
    expect(matchRoute(method, target)).toEqual(route);
  });

  test.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT'])('%s on a proxy route is 405', (method) => {
    expect(matchRoute(method, `/api/realtime/${ID}`)).toEqual({ kind: 'method-not-allowed' });
    expect(matchRoute(method, '/api/websites')).toEqual({ kind: 'method-not-allowed' });
    expect(matchRoute(method, '/healthz')).toEqual({ kind: 'method-not-allowed' });
  });

  test.each(['not-a-uuid', '23119484709c44bf994c92f109bda03b', `${ID}x`, '%32%33119484-709c-44bf-994c-92f109bda03b', `${ID}%00`, '..', '..%2f..%2fwebsites', `${ID}%2f..%2f..%2fauth%2flogin`])(
    'realtime id %s is invalid',
    (id) => {
      expect(matchRoute('GET', `/api/realtime/${id}`)).toEqual({ kind: 'invalid-website-id' });
    },
  );

  // Each of these must be refused by the proxy itself: never an upstream route, never Vite.
  test.each([
    '/api',
    '/api/',
    '/api/realtime',
    '/api/realtime/',
    `/api/realtime/${ID}/`,
    `/api/realtime/${ID}/../../websites`,
    '/api/auth/login',
    '/api/users',
    '/api/share/abc',
    '/api/websites/',
    `/api/websites/${ID}`,
    '/api//websites',
    '//api/websites',
    '/API/websites',
    '/%61pi/websites',
    '/%2561pi/websites',
    '/api%2fwebsites',
    '/api%2Fwebsites',
    '/x/../api/websites',
    '/x/%2e%2e/api/websites',
    '/./api/websites',
    '/api\\websites',
    '\\api\\websites',
    '/healthz/',
    '/healthz/x',
    'http://evil.example/api/websites',
    'http://127.0.0.1/api/realtime/' + ID,
    'evil.example:443',
    '*',
  ])('%s is not-found', (target) => {
    expect(matchRoute('GET', target)).toEqual({ kind: 'not-found' });
  });

  test('a fragment in the raw target is not part of the path', () => {
    expect(matchRoute('GET', `/api/realtime/${ID}#frag`)).toMatchObject({ kind: 'realtime', websiteId: ID });
    expect(splitTarget('/a?b=1#c?d')).toEqual({ path: '/a', search: 'b=1' });
  });
});

describe('realtimeQuery keeps only validated startAt, endAt, timezone and unit', () => {
  test.each([
    ['startAt=1795690557700&endAt=1795692357700&timezone=Europe/Berlin', { startAt: '1795690557700', endAt: '1795692357700', timezone: 'Europe/Berlin', unit: null }],
    ['timezone=Europe%2FBerlin&unit=hour', { ...NONE, timezone: 'Europe/Berlin', unit: 'hour' }],
    ['timezone=utc', { ...NONE, timezone: 'utc' }],
    ['timezone=Mars/Olympus', NONE],
    ['timezone=Europe/Berlin%26unit%3Dyear', NONE],
    ['timezone=x&startAt=1', { ...NONE, startAt: '1' }],
    ['startAt=-1&endAt=1e9', NONE],
    ['startAt=12345678901234567890', NONE],
    ['unit=week', NONE],
    ['unit=hour&unit=year', { ...NONE, unit: 'hour' }],
    ['websiteId=other&url=http://evil&path=/x&country=DE&token=abc', NONE],
    ['', NONE],
  ])('%s', (search, query) => {
    expect(realtimeQuery(search)).toEqual(query);
  });
});

test.each([
  ['Europe/Berlin', 'Europe/Berlin'],
  ['europe/berlin', 'Europe/Berlin'],
  ['EUROPE/BERLIN', 'Europe/Berlin'],
  ['utc', 'utc'],
  ['UTC', 'UTC'],
  ['Mars/Olympus', null],
  ['../etc', null],
])('canonicalTimezone(%j) = %j: one cache entry per zone, however it is spelled', (zone, canonical) => {
  expect(canonicalTimezone(zone)).toBe(canonical);
});
