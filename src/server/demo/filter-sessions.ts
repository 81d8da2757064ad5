import type { Filter, FilterName } from '../../shared/filters.ts';
import type { DemoRow, DemoSession } from './traffic.ts';

// A filtered wall on the demo source: the rows Umami 3.1 would keep for the same filters
// (src/lib/prisma.ts there). Each filter is one more `and` on every row: `=`, `!=`, `ilike
// '%v%'` and `not ilike '%v%'` on the row's or its session's column. As in SQL, a column
// without a value (a custom event's referrer, a pageview's event name, a field the demo does
// not generate) matches no operator at all.

type Field = (row: DemoRow, session: DemoSession) => string | null;

const none: Field = () => null;

const FIELDS: Record<FilterName, Field> = {
  path: (row) => row.urlPath,
  referrer: (row) => row.referrerDomain,
  hostname: (_, session) => session.hostname,
  event: (row) => row.eventName,
  os: (_, session) => session.os,
  browser: (_, session) => session.browser,
  device: (_, session) => session.device,
  country: (_, session) => session.country,
  title: none,
  query: none,
  region: none,
  city: none,
  language: none,
  tag: none,
  utmSource: none,
  utmMedium: none,
  utmCampaign: none,
  utmContent: none,
  utmTerm: none,
};

type Token = { kind: 'any' } | { kind: 'one' } | { kind: 'char'; char: string };

/** A LIKE pattern: `%` any run, `_` any one character, `\` takes the next one literally. */
function likeTokens(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'char', char: pattern[++i]! });
    else if (char === '%') tokens.push({ kind: 'any' });
    else if (char === '_') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'char', char });
  }
  return tokens;
}

/** `text ILIKE pattern`, by the usual wildcard walk: linear in practice, no regular expression built from a viewer's text. */
export function ilike(text: string, pattern: string): boolean {
  const tokens = likeTokens(pattern.toLowerCase());
  const subject = text.toLowerCase();
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < subject.length) {
    const token = tokens[p];
    if (token && (token.kind === 'one' || (token.kind === 'char' && token.char === subject[t]))) {
      t++;
      p++;
    } else if (token && token.kind === 'any') {
      starP = p++;
      starT = t;
    } else if (starP !== -1) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (tokens[p]?.kind === 'any') p++;
  return p === tokens.length;
}

function matches(filter: Filter, row: DemoRow, session: DemoSession): boolean {
  const value = FIELDS[filter.name](row, session);
  if (value === null) return false;
  switch (filter.operator) {
    case 'eq':
      return value === filter.value;
    case 'neq':
      return value !== filter.value;
    case 'c':
      return ilike(value, `%${filter.value}%`);
    case 'dnc':
      return !ilike(value, `%${filter.value}%`);
  }
}

/** Umami adds this with any referrer filter: a visitor moving within the site is not referred. */
function isExternalReferral(row: DemoRow, session: DemoSession): boolean {
  return row.referrerDomain === null || row.referrerDomain !== session.hostname.replace(/^www./, '');
}

/** The sessions with only the rows every filter keeps; sessions left without rows are dropped. */
export function filterSessions(sessions: readonly DemoSession[], filters: readonly Filter[]): DemoSession[] {
  if (filters.length === 0) return [...sessions];
  const byReferrer = filters.some((filter) => filter.name === 'referrer');
  const kept: DemoSession[] = [];
  for (const session of sessions) {
    const rows = session.rows.filter(
      (row) => filters.every((filter) => matches(filter, row, session)) && (!byReferrer || isExternalReferral(row, session)),
    );
    // A new object: the source's cached minutes stay whole for the next, unfiltered, answer.
    if (rows.length > 0) kept.push({ ...session, rows });
  }
  return kept;
}
