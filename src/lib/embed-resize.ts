// The app's half of iframe resizing (the host's half is public/embed.js): when it is framed
// and opened with ?embed, it posts its content height to the parent. It only ever sends, and
// never listens for messages, so a host page cannot drive it.

export const RESIZE_MESSAGE_TYPE = 'pulseboard:resize';
export type ResizeMessage = { type: typeof RESIZE_MESSAGE_TYPE; height: number };

type Framed = Pick<Window, 'parent' | 'document' | 'location'>;

export function isFramed(win: Framed): boolean {
  try {
    return win.parent !== (win as unknown);
  } catch {
    return true; // reading a cross-origin parent can throw: we are framed
  }
}

/**
 * Where to send: the embedding page's origin when the browser tells us (ancestorOrigins, or the
 * referrer, which is the parent page for a freshly loaded iframe), else any. The message is only
 * a height, so '*' gives nothing away; a known origin keeps it from other pages altogether.
 */
export function parentOrigin(win: Framed): string {
  const ancestors = win.location.ancestorOrigins;
  const first = ancestors && ancestors.length > 0 ? ancestors[0] : undefined;
  if (first && first !== 'null') return first;
  try {
    const origin = new URL(win.document.referrer).origin;
    if (origin !== 'null') return origin;
  } catch {
    // no or unreadable referrer (referrerpolicy=no-referrer)
  }
  return '*';
}

export function contentHeight(element: Element): number {
  return Math.ceil(element.getBoundingClientRect().height);
}

/**
 * Posts `{ type: 'pulseboard:resize', height }` to the parent now and whenever `element`
 * changes height. Does nothing unless framed. Returns a function that stops it.
 */
export function startResizeReporting(win: Window, element: Element): () => void {
  if (!isFramed(win)) return () => {};
  const target = parentOrigin(win);
  let last = -1;
  const report = () => {
    const height = contentHeight(element);
    if (height === last) return;
    last = height;
    const message: ResizeMessage = { type: RESIZE_MESSAGE_TYPE, height };
    win.parent.postMessage(message, target);
  };
  report();
  const observer = new ResizeObserver(report);
  observer.observe(element);
  return () => observer.disconnect();
}
