import * as z from 'zod/mini';

const website = z.object({
  id: z.string(),
  name: z.pipe(z.optional(z.nullable(z.string())), z.transform((v) => v ?? '')),
  domain: z.pipe(z.optional(z.nullable(z.string())), z.transform((v) => v ?? '')),
});

const positiveInt = z.int().check(z.positive());

/** The proxy's upstream budget (UPSTREAM_BUDGET): a wall of many sites stretches its polling to fit. */
const budget = z.object({ limit: positiveInt, windowMs: positiveInt });

/** `/api/websites`: Umami's paged list `{ data, count, page, pageSize }`, and the proxy's budget. */
export const websitesResponseSchema = z.object({
  data: z.array(website),
  count: z.optional(z.number()),
  // An unreadable budget is no budget: the site list must still load.
  budget: z.optional(z.catch(z.nullable(budget), null)),
});

export type Website = z.output<typeof website>;
export type WebsitesResponse = z.output<typeof websitesResponseSchema>;
