// Intl formatting, cached per locale: constructing formatters is the expensive part.
const numberFormats = new Map<string, Intl.NumberFormat>();

// The same counts come back poll after poll (list rows, totals, axis labels), and a format call
// costs far more than a lookup: the strings are remembered, a bounded number per language.
const formattedNumbers = new Map<string, Map<number, string>>();
const FORMATTED_LIMIT = 2000;

export function formatNumber(value: number, lang: string): string {
  let cache = formattedNumbers.get(lang);
  if (!cache) {
    cache = new Map();
    formattedNumbers.set(lang, cache);
  }
  let text = cache.get(value);
  if (text === undefined) {
    let format = numberFormats.get(lang);
    if (!format) {
      format = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
      numberFormats.set(lang, format);
    }
    text = format.format(value);
    if (cache.size >= FORMATTED_LIMIT) cache.clear();
    cache.set(value, text);
  }
  return text;
}

const percentFormats = new Map<string, Intl.NumberFormat>();
const formattedPercents = new Map<string, Map<number, string>>();

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
  let cache = formattedPercents.get(lang);
  if (!cache) {
    cache = new Map();
    formattedPercents.set(lang, cache);
  }
  let text = cache.get(key);
  if (text === undefined) {
    const formatKey = `${lang}|${digits}`;
    let format = percentFormats.get(formatKey);
    if (!format) {
      format = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: digits });
      percentFormats.set(formatKey, format);
    }
    text = format.format(steps / scale);
    if (cache.size >= FORMATTED_LIMIT) cache.clear();
    cache.set(key, text);
  }
  return text;
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
