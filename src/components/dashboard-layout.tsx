import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { watchPanelReadiness } from '../lib/ready-marks';
import type { PanelId } from '../options';
import { PANELS } from '../panels/registry';
import { gridTemplate } from './dashboard-grid';
import './dashboard-layout.css';

/** Heights where the grid cannot share out the screen (narrow window, embed), in em. */
const MIN_HEIGHT_EM: Record<PanelId, number> = {
  totals: 0,
  today: 0,
  chart: 16,
  map: 16,
  pages: 15,
  referrers: 13,
  countries: 13,
  events: 26,
};

/**
 * The panels in a CSS grid that fills the space under the header: one screen without
 * scrolling on a TV or a laptop (named areas for the full set, a generic grid for any
 * subset), one stacked column on a narrow window.
 */
export function DashboardLayout({ panels }: { panels: readonly PanelId[] }) {
  // Only panels that exist get a grid area; an unknown id must not leave a hole.
  const ids = useMemo(() => panels.filter((id, i) => PANELS[id] !== undefined && panels.indexOf(id) === i), [panels]);
  const layout = useRef<HTMLElement>(null);
  // The readiness marks (User Timing, read by the benchmark) for every panel shown here.
  useEffect(() => (layout.current ? watchPanelReadiness(layout.current) : undefined), [ids]);
  const style = useMemo(() => {
    const landscape = gridTemplate(ids, 'landscape');
    const portrait = gridTemplate(ids, 'portrait');
    return {
      '--pb-columns': landscape.columns,
      '--pb-rows': landscape.rows,
      '--pb-areas': landscape.areas,
      '--pb-columns-portrait': portrait.columns,
      '--pb-rows-portrait': portrait.rows,
      '--pb-areas-portrait': portrait.areas,
    } as CSSProperties;
  }, [ids]);

  return (
    <main ref={layout} className="pb-layout min-h-0 flex-1" data-panel-count={ids.length} style={style}>
      {ids.map((id) => {
        const PanelComponent = PANELS[id]!;
        return (
          <div key={id} className="pb-cell" data-panel={id} style={{ '--pb-area': id, '--pb-min-height': `${MIN_HEIGHT_EM[id]}em` } as CSSProperties}>
            <PanelComponent />
          </div>
        );
      })}
    </main>
  );
}
