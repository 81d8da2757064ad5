// One cached formatter per time zone for reading wall-clock fields (numeric, 24 h, to the
// second) with formatToParts. Used by the chart (browser), the demo source and the day windows (Node).

const LIMIT = 64;
/** Building a formatter is costly; zones are few. null marks a zone Intl rejected. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

export function wallClockFormatter(timeZone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat | null;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    formatter = null;
  }
  // Bounded: the server reads zones from clients, who could send a new one on every request.
  if (formatters.size >= LIMIT) formatters.clear();
  formatters.set(timeZone, formatter);
  return formatter;
}
