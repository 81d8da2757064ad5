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

const SKELETON = '[data-testid="skeleton"]';

/**
 * Marks each panel of the layout ready once its cell (`[data-panel]`) shows no skeleton: panels
 * show skeletons only until their first data is drawn. Stops watching when all are ready.
 */
export function watchPanelReadiness(layout: HTMLElement, marks: ReadyMarks = readyMarks): () => void {
  const waiting = new Map<HTMLElement, PanelId>();
  for (const cell of layout.querySelectorAll<HTMLElement>('[data-panel]')) waiting.set(cell, cell.dataset.panel as PanelId);
  marks.setExpectedPanels([...waiting.values()]);
  const observer = new MutationObserver(() => check());
  const check = () => {
    for (const [cell, id] of waiting) {
      if (cell.querySelector(SKELETON)) continue;
      waiting.delete(cell);
      marks.markPanelReady(id);
    }
    if (waiting.size === 0) observer.disconnect();
  };
  observer.observe(layout, { childList: true, subtree: true });
  check();
  return () => observer.disconnect();
}
