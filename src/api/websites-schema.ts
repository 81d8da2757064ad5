import * as z from 'zod/mini';

const website = z.object({
  id: z.string(),
  name: z.pipe(z.optional(z.nullable(z.string())), z.transform((v) => v ?? '')),
  domain: z.pipe(z.optional(z.nullable(z.string())), z.transform((v) => v ?? '')),
});

/** `/api/websites`: Umami's paged list `{ data, count, page, pageSize }`. */
export const websitesResponseSchema = z.object({
  data: z.array(website),
  count: z.optional(z.number()),
});

export type Website = z.output<typeof website>;
export type WebsitesResponse = z.output<typeof websitesResponseSchema>;
