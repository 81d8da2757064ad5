import { useState } from 'react';
import { useDashboard } from '../dashboard-context';
import { useReached } from '../lib/use-reached';
import { msUntilFirstSlot, siteSlot, type SlotKind } from './poll-plan';
import type { PollSlot } from './poll-schedule';

type Planned = { key: string; slots: (PollSlot | undefined)[]; startAt: (number | null)[] };

function plan(websiteIds: readonly string[], slots: Parameters<typeof siteSlot>[0], intervalMs: number, kind: SlotKind, key: string): Planned {
  const now = Date.now();
  const planned = websiteIds.map((id) => siteSlot(slots, id, intervalMs, kind));
  return { key, slots: planned, startAt: planned.map((slot) => (slot ? now + msUntilFirstSlot(slot.offsetMs, intervalMs, now) : null)) };
}

/**
 * Each site's poll slot, and whether its polling may start: on a stretched wall a site's first
 * request waits for its slot, so a cold start costs no more of the budget than a steady round.
 */
export function useSiteSlots(websiteIds: readonly string[], kind: SlotKind): { slots: (PollSlot | undefined)[]; started: boolean[] } {
  const { slots, intervalMs, exactIntervalMs } = useDashboard();
  const interval = kind === 'exact' ? exactIntervalMs : intervalMs;
  const key = `${websiteIds.join(',')}|${interval}|${slots ? `${slots.siteIds.join(',')}|${slots.spreadMs}|${slots.exactSpreadMs}` : ''}`;
  // Planned once per set of sites and intervals (state from props): a re-render must not move the start.
  const [planned, setPlanned] = useState(() => plan(websiteIds, slots, interval, kind, key));
  let current = planned;
  if (planned.key !== key) {
    current = plan(websiteIds, slots, interval, kind, key);
    setPlanned(current);
  }
  return { slots: current.slots, started: useReached(current.startAt) };
}
