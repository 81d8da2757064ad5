import type { RealtimeEvent } from '../../api/realtime-schema';

/**
 * Sessions Umami could not place. Its `countries` map skips a session whose country is null
 * (the busy fixture: 12 sessions, 11 in the map), but each session among the capped rows also
 * appears once as a `session` row in `events`, so the missing ones can be counted there.
 * Codes that are not countries ("XX", "EU") are in the map already and are not counted here.
 */
export function countUnlocatedSessions(events: readonly Pick<RealtimeEvent, 'type' | 'country'>[]): number {
  let count = 0;
  for (const event of events) if (event.type === 'session' && event.country === null) count++;
  return count;
}
