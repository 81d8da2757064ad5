import { useEffect } from 'react';
import type { PanelId } from '../options';

// User Timing marks that say when the dashboard is useful, read by the benchmark
// (e2e/bench/bench.ts) and visible in any browser's performance panel:
//   panel-ready:<id>  a panel has rendered its first data (or its empty state)
//   totals-ready      the totals show numbers
//   dashboard-ready   every panel the layout shows has rendered its first data
// Each is set once per page load; a later site rotation does not set them again.

export const TOTALS_READY = 'totals-ready';
export const DASHBOARD_READY = 'dashboard-ready';
export const panelReadyMark = (id: PanelId) => `panel-ready:${id}`;

export type ReadyMarks = {
  /** The panels the layout shows; `dashboard-ready` waits for all of them. */
  setExpectedPanels(ids: readonly PanelId[]): void;
  markPanelReady(id: PanelId): void;
};

export function createReadyMarks(mark: (name: string) => void): ReadyMarks {
  let expected: ReadonlySet<PanelId> | null = null;
  const ready = new Set<PanelId>();
  let done = false;

  // Either call may come first: React runs a child's effects before its parent's, so the
  // panels usually report before the layout says which panels there are.
  const check = () => {
    if (done || expected === null || expected.size === 0) return;
    for (const id of expected) if (!ready.has(id)) return;
    done = true;
    mark(DASHBOARD_READY);
  };

  return {
    setExpectedPanels(ids) {
      expected = new Set(ids);
      check();
    },
    markPanelReady(id) {
      if (ready.has(id)) return;
      ready.add(id);
      mark(panelReadyMark(id));
      if (id === 'totals') mark(TOTALS_READY);
      check();
    },
  };
}

/** The page's marks; a no-op where User Timing is missing. */
export const readyMarks = createReadyMarks((name) => {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
});

export const { setExpectedPanels, markPanelReady } = readyMarks;

/** Reports the panel once `hasData` is true, after the commit that put that data on screen. */
export function usePanelReady(id: PanelId, hasData: boolean, marks: ReadyMarks = readyMarks): void {
  useEffect(() => {
    if (hasData) marks.markPanelReady(id);
  }, [id, hasData, marks]);
}
