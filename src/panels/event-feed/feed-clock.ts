import { createContext } from 'react';

/**
 * How far this screen's clock runs ahead of the Umami server's (ms). Event times come from the
 * server; "12 s ago" is counted on the local ticker, so a TV whose clock is off by minutes
 * would show wrong ages without this. A context, so that a new offset each poll re-renders
 * only the tiny time labels, not the memoised rows.
 */
export const ClockOffsetContext = createContext(0);
