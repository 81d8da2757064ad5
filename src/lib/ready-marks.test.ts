import { expect, test } from 'vitest';
import type { PanelId } from '../options';
import { createReadyMarks, watchPanelReadiness } from './ready-marks';

type Step = { expect: readonly PanelId[] } | { ready: PanelId };

function run(steps: readonly Step[]): string[] {
  const marks: string[] = [];
  const ready = createReadyMarks((name) => marks.push(name));
  for (const step of steps) {
    if ('expect' in step) ready.setExpectedPanels(step.expect);
    else ready.markPanelReady(step.ready);
  }
  return marks;
}

test.each<{ name: string; steps: Step[]; marks: string[] }>([
  {
    name: 'layout first, then every panel',
    steps: [{ expect: ['totals', 'chart'] }, { ready: 'chart' }, { ready: 'totals' }],
    marks: ['panel-ready:chart', 'panel-ready:totals', 'totals-ready', 'dashboard-ready'],
  },
  {
    name: 'panels first (child effects run before the parent), then the layout',
    steps: [{ ready: 'totals' }, { ready: 'events' }, { expect: ['totals', 'events'] }],
    marks: ['panel-ready:totals', 'totals-ready', 'panel-ready:events', 'dashboard-ready'],
  },
  {
    name: 'a missing panel holds dashboard-ready back',
    steps: [{ expect: ['totals', 'map'] }, { ready: 'totals' }],
    marks: ['panel-ready:totals', 'totals-ready'],
  },
  {
    name: 'each mark once, even when a panel reports again',
    steps: [{ expect: ['totals'] }, { ready: 'totals' }, { ready: 'totals' }, { expect: ['totals'] }],
    marks: ['panel-ready:totals', 'totals-ready', 'dashboard-ready'],
  },
  {
    name: 'a panel that is not shown does not count, and does not block',
    steps: [{ expect: ['pages'] }, { ready: 'chart' }, { ready: 'pages' }],
    marks: ['panel-ready:chart', 'panel-ready:pages', 'dashboard-ready'],
  },
  {
    name: 'no panels expected: never ready',
    steps: [{ expect: [] }, { ready: 'totals' }],
    marks: ['panel-ready:totals', 'totals-ready'],
  },
  {
    name: 'no layout yet: never ready',
    steps: [{ ready: 'totals' }, { ready: 'chart' }],
    marks: ['panel-ready:totals', 'totals-ready', 'panel-ready:chart'],
  },
])('$name', ({ steps, marks }) => {
  expect(run(steps)).toEqual(marks);
});

test('a panel is ready once its cell shows no skeleton, and the dashboard once all are', async () => {
  const layout = document.createElement('main');
  layout.innerHTML = '<div data-panel="totals"><div data-testid="skeleton"></div></div><div data-panel="pages"><table></table></div>';
  const marks: string[] = [];
  const stop = watchPanelReadiness(layout, createReadyMarks((name) => marks.push(name)));
  expect(marks).toEqual(['panel-ready:pages']);

  layout.querySelector('[data-testid="skeleton"]')?.replaceWith(document.createElement('dl'));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(marks).toEqual(['panel-ready:pages', 'panel-ready:totals', 'totals-ready', 'dashboard-ready']);

  // A skeleton later (a site switch) sets nothing again.
  layout.querySelector('dl')!.outerHTML = '<div data-testid="skeleton"></div>';
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(marks).toHaveLength(4);
  stop();
});
