import { describe, expect, test } from 'vitest';
import { canonicalTimezone, matchRoute, metricsRequest, realtimeQuery, splitTarget } from './routes.ts';

const ID = '23119484-709c-44bf-994c-92f109bda03b';
const NONE = { timezone: null };

describe('matchRoute', () => {
  test.each([
    ['GET', `/api/realtime/${ID}`, { kind: 'realtime', websiteId: ID, query: NONE, filters: [] }],
    ['HEAD', `/api/realtime/${ID.toUpperCase()}`, { kind: 'realtime', websiteId: ID, query: NONE, filters: [] }],
    ['GET', '/api/websites', { kind: 'websites' }],
    ['GET', '/api/websites?page=2', { kind: 'websites' }],
    ['GET', '/healthz', { kind: 'healthz' }],
    ['GET', `/api/websites/${ID}/stats`, { kind: 'exact', websiteId: ID, request: { route: 'stats' }, filters: [] }],
    ['GET', `/api/websites/${ID}/stats?startAt=1&endAt=2&timezone=Europe/Berlin&unit=year`, { kind: 'exact', websiteId: ID, request: { route: 'stats' }, filters: [] }],
    // A filtered wall: the filters are checked and made canonical for every site route.
    [
      'GET',
      `/api/realtime/${ID}?timezone=UTC&path=eq.%2Fcheckout&country=neq.US&country=eq.DE`,
      { kind: 'realtime', websiteId: ID, query: { timezone: 'UTC' }, filters: [{ name: 'path', operator: 'eq', value: '/checkout' }, { name: 'country', operator: 'eq', value: 'DE' }, { name: 'country', operator: 'neq', value: 'US' }] },
    ],
    ['GET', `/api/websites/${ID}/metrics/expanded?type=event&event=c.sign`, { kind: 'exact', websiteId: ID, request: { route: 'metrics', type: 'event' }, filters: [{ name: 'event', operator: 'c', value: 'sign' }] }],
    ['GET', `/api/websites/${ID}/stats?hostname=eq.shop.example.com`, { kind: 'exact', websiteId: ID, request: { route: 'stats' }, filters: [{ name: 'hostname', operator: 'eq', value: 'shop.example.com' }] }],
    // Anything else under a filter's name is refused, never passed on or dropped.
    ['GET', `/api/realtime/${ID}?path=re.%5E%2Fa`, { kind: 'invalid-parameter' }],
    ['GET', `/api/websites/${ID}/stats?path=/x`, { kind: 'invalid-parameter' }],
    ['GET', `/api/websites/${ID}/metrics/expanded?type=path&referrer=eq.a,b`, { kind: 'invalid-parameter' }],
    ['GET', `/api/websites/${ID}/active?browser=eq.`, { kind: 'invalid-parameter' }],
    ['HEAD', `/api/websites/${ID.toUpperCase()}/active?x=1`, { kind: 'exact', websiteId: ID, request: { route: 'active' }, filters: [] }],
    ['GET', `/api/websites/${ID}/metrics/expanded?type=path`, { kind: 'exact', websiteId: ID, request: { route: 'metrics', type: 'path' }, filters: [] }],
    ['GET', `/api/websites/${ID}/metrics/expanded?type=referrer&limit=500`, { kind: 'exact', websiteId: ID, request: { route: 'metrics', type: 'referrer' }, filters: [] }],
    ['GET', `/api/websites/${ID}/metrics/expanded?limit=1&type=country&offset=9`, { kind: 'exact', websiteId: ID, request: { route: 'metrics', type: 'country' }, filters: [] }],
    ['GET', `/api/websites/${ID}/metrics/expanded?type=event`, { kind: 'exact', websiteId: ID, request: { route: 'metrics', type: 'event' }, filters: [] }],
    ['GET', `/api/websites/${ID}/metrics/expanded?type=nonsense`, { kind: 'invalid-parameter' }],
    ['GET', `/api/websites/not-a-uuid/stats`, { kind: 'invalid-website-id' }],
    ['GET', `/api/websites/not-a-uuid/metrics/expanded?type=path`, { kind: 'invalid-website-id' }],
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
    expect(matchRoute(method, `/api/websites/${ID}/stats`)).toEqual({ kind: 'method-not-allowed' });
    expect(matchRoute(method, `/api/websites/${ID}/metrics/expanded?type=path`)).toEqual({ kind: 'method-not-allowed' });
    expect(matchRoute(method, `/api/websites/${ID}/active`)).toEqual({ kind: 'method-not-allowed' });
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
    `/api/websites/${ID}/`,
    `/api/websites/${ID}/metrics`,
    `/api/websites/${ID}/metrics/`,
    `/api/websites/${ID}/metrics/expanded/`,
    `/api/websites/${ID}/pageviews/`,
    `/api/websites/${ID}/PAGEVIEWS`,
    `/api/websites/${ID}/stats/x`,
    `/api/websites/${ID}/STATS`,
    `/api/websites/${ID}%2fstats`,
    `/api/websites/${ID}/metrics%2fexpanded`,
    `/api/websites/${ID}/active/../../websites`,
    `/api/websites//${ID}/stats`,
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

describe('period routes: a period and a zone, never a window', () => {
  const period = (request: object) => ({ kind: 'period', websiteId: ID, request, filters: [] });
  test.each([
    [`/api/websites/${ID}/stats?period=today&timezone=Europe/Berlin`, period({ route: 'stats', period: 'today', timezone: 'Europe/Berlin' })],
    [`/api/websites/${ID}/stats?timezone=europe/berlin&period=yesterday&startAt=0&endAt=1`, period({ route: 'stats', period: 'yesterday', timezone: 'Europe/Berlin' })],
    [`/api/websites/${ID.toUpperCase()}/stats?period=lastweek&timezone=utc`, period({ route: 'stats', period: 'lastweek', timezone: 'UTC' })],
    [`/api/websites/${ID}/metrics/expanded?type=event&period=today&timezone=Australia/Adelaide`, period({ route: 'metrics', type: 'event', period: 'today', timezone: 'Australia/Adelaide' })],
    [`/api/websites/${ID}/metrics/expanded?type=event&limit=500&period=lastweek&timezone=America/New_York`, period({ route: 'metrics', type: 'event', period: 'lastweek', timezone: 'America/New_York' })],
    [`/api/websites/${ID}/pageviews?period=yesterday&timezone=Europe/Berlin&unit=hour`, period({ route: 'pageviews', period: 'yesterday', timezone: 'Europe/Berlin' })],
    [`/api/websites/${ID}/pageviews?period=lastweek&timezone=America/Santiago`, period({ route: 'pageviews', period: 'lastweek', timezone: 'America/Santiago' })],
    // Without a period the exact routes are what they were; `active` has no period.
    [`/api/websites/${ID}/stats?timezone=Europe/Berlin`, { kind: 'exact', websiteId: ID, request: { route: 'stats' }, filters: [] }],
    [`/api/websites/${ID}/active?period=today&timezone=Europe/Berlin`, { kind: 'exact', websiteId: ID, request: { route: 'active' }, filters: [] }],
  ])('%s', (target, route) => {
    expect(matchRoute('GET', target)).toEqual(route);
    expect(matchRoute('HEAD', target)).toEqual(route);
  });

  test.each([
    `stats?period=today`,
    `stats?period=today&timezone=`,
    `stats?period=today&timezone=Mars/Olympus`,
    `stats?period=today&timezone=%2B01:00`,
    `stats?period=today&timezone=Europe/Berlin&timezone=Asia/Tokyo`,
    `stats?period=tomorrow&timezone=Europe/Berlin`,
    `stats?period=Today&timezone=Europe/Berlin`,
    `stats?period=&timezone=Europe/Berlin`,
    `stats?period=today&period=yesterday&timezone=Europe/Berlin`,
    `metrics/expanded?type=path&period=today&timezone=Europe/Berlin`,
    `metrics/expanded?period=today&timezone=Europe/Berlin`,
    `metrics/expanded?type=event&limit=501&period=today&timezone=Europe/Berlin`,
    `pageviews`,
    `pageviews?timezone=Europe/Berlin`,
    `pageviews?period=today&timezone=Europe/Berlin`,
    `pageviews?period=yesterday`,
  ])('%s → invalid-parameter', (route) => {
    expect(matchRoute('GET', `/api/websites/${ID}/${route}`)).toEqual({ kind: 'invalid-parameter' });
  });

  test('a bad id is refused before the parameters are read; other methods are 405', () => {
    expect(matchRoute('GET', '/api/websites/nope/pageviews?period=yesterday&timezone=UTC')).toEqual({ kind: 'invalid-website-id' });
    expect(matchRoute('POST', `/api/websites/${ID}/pageviews?period=yesterday&timezone=UTC`)).toEqual({ kind: 'method-not-allowed' });
  });
});

describe('metricsRequest: type from the fixed set, limit 1…500 and only checked, the rest dropped', () => {
  test.each([
    ['type=path', 'path'],
    ['type=referrer', 'referrer'],
    ['type=country', 'country'],
    ['type=event', 'event'],
    ['type=path&limit=1', 'path'],
    ['type=path&limit=500', 'path'],
    ['type=event&startAt=0&endAt=1&timezone=Mars/Olympus&search=x&offset=5&country=DE', 'event'],
  ])('%s → %s', (search, type) => {
    expect(metricsRequest(search)).toEqual({ route: 'metrics', type });
  });

  test.each([
    '',
    'type=',
    'type=Path',
    'type=url',
    'type=entry',
    'type=channel',
    'type=path%00',
    'type=path&type=event',
    'type=path%26limit%3D9',
    'limit=10',
    'type=path&limit=0',
    'type=path&limit=501',
    'type=path&limit=-1',
    'type=path&limit=1.5',
    'type=path&limit=1e2',
    'type=path&limit=0010',
    'type=path&limit=99999999999999999999',
    'type=path&limit=',
    'type=path&limit=10&limit=20',
  ])('%j is refused', (search) => {
    expect(metricsRequest(search)).toBeNull();
  });
});

describe('realtimeQuery keeps only the canonical timezone: Umami ignores startAt/endAt, the app never sends unit', () => {
  test.each([
    ['startAt=1795690557700&endAt=1795692357700&timezone=Europe/Berlin', { timezone: 'Europe/Berlin' }],
    ['timezone=Europe%2FBerlin&unit=hour', { timezone: 'Europe/Berlin' }],
    ['timezone=europe/berlin', { timezone: 'Europe/Berlin' }],
    ['timezone=utc', { timezone: 'utc' }],
    ['timezone=Mars/Olympus', NONE],
    ['timezone=Europe/Berlin%26unit%3Dyear', NONE],
    ['timezone=x&startAt=1', NONE],
    ['unit=week', NONE],
    ['unit=hour&unit=year', NONE],
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
