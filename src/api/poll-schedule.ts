/**
 * How long until the next poll. Polls fall on wall-clock multiples of the interval, so every
 * screen showing a site asks within the same moment and the proxy's shared answer (cached for
 * half an interval) serves them all: N viewers cost one Umami call per interval, not up to two.
 * A poll due within a fifth of an interval of the last one waits for the following slot.
 */
export function msUntilNextPoll(intervalMs: number, now: number): number {
  const untilSlot = intervalMs - (((now % intervalMs) + intervalMs) % intervalMs);
  return untilSlot < intervalMs / 5 ? untilSlot + intervalMs : untilSlot;
}
