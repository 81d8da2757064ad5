// ?kiosk hides the mouse pointer once it has rested for a while: a TV has no use for a cursor
// parked in the middle of the chart. Moving the mouse brings it back.

export const IDLE_CURSOR_MS = 3000;
const ACTIVITY = ['pointermove', 'pointerdown', 'wheel', 'keydown', 'touchstart'] as const;

/**
 * Sets `data-idle` on `root` after `idleMs` without pointer or key activity on `target`
 * (CSS hides the cursor), and removes it on the next activity. Returns a function that stops.
 */
export function watchIdle(root: HTMLElement, idleMs = IDLE_CURSOR_MS, target: EventTarget = root.ownerDocument): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    root.removeAttribute('data-idle');
    clearTimeout(timer);
    timer = setTimeout(() => root.setAttribute('data-idle', ''), idleMs);
  };
  arm();
  for (const type of ACTIVITY) target.addEventListener(type, arm, { passive: true });
  return () => {
    clearTimeout(timer);
    for (const type of ACTIVITY) target.removeEventListener(type, arm);
    root.removeAttribute('data-idle');
  };
}
