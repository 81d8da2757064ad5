import * as z from 'zod/mini';

// The boundary: everything the realtime endpoint returns is checked and normalised here,
// so nothing downstream re-checks. Shapes follow the recorded Umami 3.1 responses in
// src/test/fixtures/umami-3.1 (see its README for the quirks handled below).

/**
 * A count: Umami sends JSON numbers, but some databases/drivers give numeric strings. Kept to
 * integers a double holds exactly, so sums and shares of huge counts stay numbers.
 */
export const count = z.pipe(
  z.union([z.number(), z.string().check(z.regex(/^\s*-?\d+(\.\d+)?\s*$/))]),
  z.transform((value) => {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) && n > 0 ? Math.min(n, Number.MAX_SAFE_INTEGER) : 0;
  }),
);

/** A total that is unreadable on its own is null ("–" on screen); the rest of the answer stays. */
const total = z.catch(z.nullable(count), null);

/**
 * A figure of an exact answer: unreadable, it is null ("–") and the answer's other figures stay;
 * missing, the body is no answer of that route (an error body has none of its figures).
 */
export const figure = z.pipe(
  z.custom<unknown>((value) => value !== undefined),
  z.transform((value) => {
    const parsed = count.safeParse(value);
    return parsed.success ? parsed.data : null;
  }),
);

export const optionalText = z.pipe(
  z.optional(z.nullable(z.string())),
  z.transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value)),
);

/** Counts by name (a path, a referrer, a country code). A Map: any name is a key, `__proto__` too. */
export type Counts = ReadonlyMap<string, number>;

/**
 * `{ name: count }` objects as Counts; null is empty, anything else is null (its panel says it
 * cannot read it, the other panels stay), and a count that does not fit drops only its own name.
 * Missing, the body is no realtime answer (an error body has none of the lists). Read from the object's own keys, never through a plain object
 * (where `__proto__` would set a prototype instead of a key).
 */
const countMap = z.pipe(
  z.custom<unknown>((value) => value !== undefined),
  z.transform((value): Counts | null => {
    if (value !== null && (typeof value !== 'object' || Array.isArray(value))) return null;
    const counts = new Map<string, number>();
    for (const [name, raw] of Object.entries(value ?? {})) {
      const parsed = count.safeParse(raw);
      if (parsed.success) counts.set(name, parsed.data);
    }
    return counts;
  }),
);

const countryCode = z.pipe(
  optionalText,
  z.transform((value) => (value === null ? null : value.toUpperCase())),
);

/**
 * A list whose items are checked one by one: an item that does not fit is dropped rather than
 * failing the whole answer (one odd row must not blank the dashboard for 30 minutes).
 */
export function lenientList<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    z.optional(z.nullable(z.array(z.unknown()))),
    z.transform((rows) => {
      const kept: z.output<T>[] = [];
      for (const row of rows ?? []) {
        const parsed = item.safeParse(row);
        if (parsed.success) kept.push(parsed.data);
      }
      return kept;
    }),
  );
}

const seriesPoint = z.object({ x: z.string(), y: count });
/** Umami's per-minute `[{x, y}]`: also the shape of `/pageviews`. */
export const series = lenientList(seriesPoint);

const eventType = z.pipe(
  z.optional(z.nullable(z.string())),
  z.transform((value): EventType => (value === 'event' || value === 'session' ? value : 'pageview')),
);

/** Umami's timestamps are ISO UTC strings; an unparsable one makes the row useless. */
const isoDate = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      ctx.issues.push({ code: 'custom', message: `Unreadable date "${value}"`, input: value });
      return z.NEVER;
    }
    return ms;
  }),
);

const event = z.object({
  __type: eventType,
  sessionId: z.pipe(z.optional(z.nullable(z.string())), z.transform((v) => v ?? '')),
  eventName: optionalText,
  createdAt: isoDate,
  browser: optionalText,
  os: optionalText,
  device: optionalText,
  country: countryCode,
  urlPath: z.pipe(optionalText, z.transform((v) => v ?? '/')),
  referrerDomain: optionalText,
  hostname: optionalText,
});

export const realtimeResponseSchema = z.object({
  countries: countMap,
  urls: countMap,
  referrers: countMap,
  events: lenientList(event),
  series: z.pipe(
    z.optional(z.nullable(z.object({ views: series, visitors: series }))),
    z.transform((v) => v ?? { views: [], visitors: [] }),
  ),
  totals: z.object({
    views: total,
    visitors: total,
    events: total,
    countries: total,
  }),
  // The series needs a clock: an unreadable server time falls back to when the answer arrived.
  timestamp: z.catch(z.optional(z.nullable(count)), null),
});

export type EventType = 'pageview' | 'event' | 'session';
export type RealtimeResponse = z.output<typeof realtimeResponseSchema>;
export type RawRealtimeEvent = RealtimeResponse['events'][number];

/** A row as the panels read it: Umami's `__type` as `type`, and a key stable across polls. */
export type RealtimeEvent = Omit<RawRealtimeEvent, '__type'> & {
  /** Umami rows have no id: this key is stable across polls for the same row. */
  id: string;
  type: EventType;
  /** The site's name, in a feed of several sites (`?combine`). */
  site?: string;
};

export type RealtimeData = Omit<RealtimeResponse, 'events' | 'timestamp'> & {
  events: RealtimeEvent[];
  /** Server time of the answer (ms); falls back to the time it was received. */
  timestamp: number;
};

export function eventKey(event: RawRealtimeEvent): string {
  // Umami's session row copies the session's oldest row among the newest 100, which changes as
  // the cap slides: one key per session, so a visitor is announced once.
  if (event.__type === 'session') return `session|${event.sessionId}`;
  return [event.__type, event.sessionId, event.createdAt, event.eventName ?? '', event.urlPath].join('|');
}

/** Validate an unknown JSON body; throws a ZodError-like error with a readable message. */
export function parseRealtime(body: unknown, receivedAt: number = Date.now()): RealtimeData {
  const result = realtimeResponseSchema.safeParse(body);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    throw new MalformedResponseError(`${first?.message ?? 'Unexpected shape'}${where}`);
  }
  const { events, timestamp, ...rest } = result.data;
  return {
    ...rest,
    events: events.map(({ __type, ...fields }) => ({
      id: eventKey({ __type, ...fields }),
      type: __type,
      ...fields,
    })),
    timestamp: timestamp && timestamp > 0 ? timestamp : receivedAt,
  };
}

export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
}
