/**
 * Screens spread their polls over this share of the interval after each slot: enough that a
 * few hundred viewers do not reach the proxy in the same millisecond, small enough (with clocks
 * a second apart) that they all land inside one cached answer's lifetime (half an interval).
 */
export const POLL_SPREAD = 0.3;

/**
 * How long until the next poll. Polls fall on wall-clock multiples of the interval (plus this
 * screen's `offsetMs`, within the spread), so every screen showing a site asks within the same few
 * seconds and the proxy's shared answer serves them all: N viewers cost one Umami call per
 * interval, not up to two. A poll due within a fifth of an interval waits for the following slot.
 */
export function msUntilNextPoll(intervalMs: number, now: number, offsetMs = 0): number {
  const untilSlot = intervalMs - ((((now - offsetMs) % intervalMs) + intervalMs) % intervalMs);
  return untilSlot < intervalMs / 5 ? untilSlot + intervalMs : untilSlot;
}

/** This screen's place in the spread, fixed for the life of the page. */
export const pollOffsetShare = Math.random() * POLL_SPREAD;

/**
 * The query options every polled route shares: wall-clock slots, polling in an unfocused window
 * (a wall display often is one), and the next poll as the retry (retrying sooner would only
 * delay the message on screen).
 */
/**
 * Where a site's polls fall when a wall of many sites spreads them over the interval
 * (`poll-plan.ts`): its own offset, and this screen's spread as wide as at the interval asked for.
 */
export type PollSlot = { offsetMs: number; spreadMs: number };

export function pollingOptions(intervalMs: number, slot?: PollSlot) {
  const offsetMs = slot ? slot.offsetMs + pollOffsetShare * slot.spreadMs : pollOffsetShare * intervalMs;
  return {
    refetchInterval: () => msUntilNextPoll(intervalMs, Date.now(), offsetMs),
    refetchIntervalInBackground: true,
    retry: false,
    staleTime: intervalMs / 2,
  } as const;
}
