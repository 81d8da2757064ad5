import { useCallback, useState } from 'react';

/**
 * How many rows of `rowEm` fit in `heightPx`, after `reservedEm` (a table header) is taken.
 * A row is never cut: a row that does not fit whole is left out. Without layout (jsdom, a
 * hidden panel) the height is 0 and `fallback` is used instead.
 */
export function fitCount(
  heightPx: number,
  fontSizePx: number,
  { rowEm, reservedEm = 0, fallback }: { rowEm: number; reservedEm?: number; fallback: number },
): number {
  if (!(heightPx > 0) || !(fontSizePx > 0) || !(rowEm > 0)) return fallback;
  // The small allowance absorbs sub-pixel rounding of em heights; it is far less than a row.
  const rows = Math.floor((heightPx - reservedEm * fontSizePx) / (rowEm * fontSizePx) + 0.02);
  return Math.max(0, rows);
}

/**
 * Rows that fit the element the returned ref is attached to, kept current with a
 * ResizeObserver (which also fires when the root font size scales with the window). Row
 * heights are in em of that element's font size, so the count follows the type scale.
 */
export function useFitCount<T extends HTMLElement>(options: {
  rowEm: number;
  reservedEm?: number;
  fallback: number;
}): [(element: T | null) => (() => void) | undefined, number] {
  const { rowEm, reservedEm = 0, fallback } = options;
  const [count, setCount] = useState(fallback);
  const ref = useCallback(
    (element: T | null) => {
      if (!element) return undefined;
      const observer = new ResizeObserver(() => {
        const fontSize = Number.parseFloat(getComputedStyle(element).fontSize);
        setCount(fitCount(element.clientHeight, fontSize, { rowEm, reservedEm, fallback }));
      });
      observer.observe(element);
      return () => observer.disconnect();
    },
    [rowEm, reservedEm, fallback],
  );
  return [ref, count];
}
