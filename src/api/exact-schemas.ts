import * as z from 'zod/mini';
import { count, figure, lenientList, optionalText, series } from './realtime-schema';

// Umami's exact routes for the realtime window (recorded in src/test/fixtures/umami-3.1/aggregates,
// README there). Loaded with the first request, like the realtime schema.

/** `/api/websites/:id/stats`: exact views and unique visitors, each null when unreadable. */
export const statsSchema = z.object({
  pageviews: figure,
  visitors: figure,
});

/**
 * `/api/websites/:id/metrics/expanded`: one row per path, referrer, country or event name.
 * `pageviews` arrives as a numeric string; for events it is the number of those events. A row
 * without a name (a session Umami could not place) is kept with `name: null`.
 */
export const metricsSchema = lenientList(
  z.object({
    name: optionalText,
    pageviews: count,
    visitors: count,
  }),
);

/** `/api/websites/:id/active`: distinct sessions in the last 5 minutes. */
export const activeSchema = z.object({ visitors: count });

/** `/api/websites/:id/pageviews?unit=minute`: views per minute (minutes without any left out). */
export const pageviewsSchema = z.object({ pageviews: series });

export type Stats = z.output<typeof statsSchema>;
export type MetricRow = z.output<typeof metricsSchema>[number];
export type Active = z.output<typeof activeSchema>;
export type Pageviews = z.output<typeof pageviewsSchema>;
