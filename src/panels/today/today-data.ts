import type { MetricRow, Stats } from '../../api/exact-schemas';

// Today so far against the same span on an earlier day: the figures and how they changed.

export const todayViews = (stats: Stats) => stats.pageviews;
export const todayVisitors = (stats: Stats) => stats.visitors;
/** Each event name's row counts its events in `pageviews`. */
export const todayEvents = (rows: MetricRow[]) => rows.reduce((sum, row) => sum + row.pageviews, 0);

/** `ratio` is (now − before) / before; `new` when there was nothing before to compare with. */
export type Change = { kind: 'ratio'; ratio: number } | { kind: 'new' };

export function changeBetween(now: number, before: number): Change {
  if (before <= 0) return now > 0 ? { kind: 'new' } : { kind: 'ratio', ratio: 0 };
  return { kind: 'ratio', ratio: (now - before) / before };
}

const changeFormats = new Map<string, Intl.NumberFormat>();

function changeFormat(lang: string): Intl.NumberFormat {
  let format = changeFormats.get(lang);
  if (!format) {
    // Whole percent: on a wall "+12 %" reads at a glance, "+12.4 %" does not say more.
    format = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
    changeFormats.set(lang, format);
  }
  return format;
}

/** "+12%", "−8%", "0%" in the locale's own way ("+12 %" in German), or "new". */
export function formatChange(change: Change, lang: string): string {
  if (change.kind === 'new') return 'new';
  // Beyond ×100 the exact percentage says nothing more than "a lot".
  const text = changeFormat(lang).format(Math.min(change.ratio, 99));
  // A true minus sign: a hyphen is easy to miss from across a room.
  return text.replace('-', '\u2212');
}

/** Which way it went, for the arrow and the colour (never the only cue: the sign is in the text). */
export function direction(change: Change): 'up' | 'down' | 'same' {
  if (change.kind === 'new') return 'up';
  const rounded = Math.round(change.ratio * 100);
  return rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'same';
}
