// Intl formatting, cached per locale: constructing formatters is the expensive part.
const numberFormats = new Map<string, Intl.NumberFormat>();
const percentFormats = new Map<string, Intl.NumberFormat>();

// The same counts and shares come back poll after poll (list rows, totals, axis labels), and a
// format call costs far more than a lookup: the strings are remembered, a bounded number per
// language and kind.
const formattedNumbers = new Map<string, Map<number, string>>();
const formattedPercents = new Map<string, Map<number, string>>();
const formattedCompact = new Map<string, Map<number, string>>();
const compactFormats = new Map<string, Intl.NumberFormat>();
const FORMATTED_LIMIT = 2000;

/** The value kept under `key`, made and kept on first use. */
function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The string `format` gives, remembered per language under `key` (at most FORMATTED_LIMIT). */
function remembered(cache: Map<string, Map<number, string>>, lang: string, key: number, format: () => string): string {
  const strings = getOrMake(cache, lang, () => new Map<number, string>());
  let text = strings.get(key);
  if (text === undefined) {
    text = format();
    if (strings.size >= FORMATTED_LIMIT) strings.clear();
    strings.set(key, text);
  }
  return text;
}

export function formatNumber(value: number, lang: string): string {
  return remembered(formattedNumbers, lang, value, () =>
    getOrMake(numberFormats, lang, () => new Intl.NumberFormat(lang, { maximumFractionDigits: 0 })).format(value),
  );
}

/** Where formatCompact starts to abbreviate, unless told otherwise. */
const COMPACT_FROM = 10_000;

/**
 * Where space is short: the exact number below `from`, and "12.3K", "988M", "9.88B" from there on.
 * Say the exact number beside it (a title, an accessible name) when it is compact.
 */
export function formatCompact(value: number, lang: string, from = COMPACT_FROM): string {
  if (Math.abs(value) < from) return formatNumber(value, lang);
  return remembered(formattedCompact, lang, value, () =>
    getOrMake(compactFormats, lang, () => new Intl.NumberFormat(lang, { notation: 'compact', maximumSignificantDigits: 3 })).format(value),
  );
}

/** The exact number for a title or accessible name, when formatCompact (with the same `from`) abbreviates it; else undefined. */
export function compactTitle(value: number, lang: string, from = COMPACT_FROM): string | undefined {
  return Math.abs(value) < from ? undefined : formatNumber(value, lang);
}

/**
 * "42%"; one decimal below 10 % ("4.2%") where a whole number would hide the difference.
 * The share is rounded to what is printed first, and that string is remembered: the top lists
 * print and compare every row's share on every poll.
 */
export function formatPercent(share: number, lang: string): string {
  const digits = share < 0.1 ? 1 : 0;
  const scale = digits === 1 ? 1000 : 100;
  const steps = Math.round(share * scale);
  // Tenths of a percent are kept under negative keys, whole percents under their own value.
  const key = digits === 1 ? -1 - steps : steps;
  return remembered(formattedPercents, lang, key, () =>
    getOrMake(
      percentFormats,
      `${lang}|${digits}`,
      () => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: digits }),
    ).format(steps / scale),
  );
}

/** Ages under a minute are shown in steps of this many seconds. */
export const AGE_STEP_S = 10;

/** "just now", "10 s ago", "3 min ago", "2 h ago": short enough for a feed row. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < AGE_STEP_S) return 'just now';
  // Steps of the shared ticker's pace (use-now.ts): a label never claims more precision than it keeps.
  if (seconds < 60) return `${seconds - (seconds % AGE_STEP_S)} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
