import type { UpstreamMode } from './config.ts';
import type { ExactRequest } from './exact.ts';
import type { PeriodRequest } from './period.ts';
import type { Filters, RealtimeQuery } from './routes.ts';
import type { WebsiteSummary } from './websites.ts';

/** Where the data comes from: Umami (any auth mode) or the demo source. Failures throw ProxyError. */
export type Upstream = {
  mode: UpstreamMode;
  /** Umami's realtime JSON, unchanged (checked to be a JSON object); `filters` narrow it (a filtered wall). */
  realtime(websiteId: string, query: RealtimeQuery, filters: Filters): Promise<Buffer>;
  websites(): Promise<WebsiteSummary[]>;
  /** Umami's stats, expanded metrics or active answer for the realtime window, unchanged (checked JSON). */
  exact(websiteId: string, request: ExactRequest, filters: Filters): Promise<Buffer>;
  /** Umami's stats, event metrics or pageviews answer for a local day's window (period.ts), unchanged (checked JSON); `filters` narrow it. */
  period(websiteId: string, request: PeriodRequest, filters: Filters): Promise<Buffer>;
};

export type Log = (line: string) => void;
