import { isUuid } from '../shared/validate.ts';
import type { Budget } from './config.ts';
import { ProxyError } from './proxy-error.ts';

// The browser needs id, name and domain of each site. Umami's list also carries the owner's
// user name and id and each site's share slug: none of that leaves the server.

export type WebsiteSummary = { id: string; name: string; domain: string };

export function parseWebsites(body: unknown): WebsiteSummary[] {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw new ProxyError('upstream-malformed');
  const sites: WebsiteSummary[] = [];
  for (const item of data as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, name, domain } = item as Record<string, unknown>;
    if (typeof id !== 'string' || !isUuid(id)) continue;
    sites.push({
      id: id.toLowerCase(),
      name: typeof name === 'string' ? name : '',
      domain: typeof domain === 'string' ? domain : '',
    });
  }
  return sites;
}

/**
 * Umami's paged shape, so the browser reads the proxy like Umami itself, plus the upstream
 * budget: a wall of many sites stretches its polling to stay inside it.
 */
export function websitesBody(sites: WebsiteSummary[], allowed: ReadonlySet<string> | null, budget?: Budget): Buffer {
  const data = allowed ? sites.filter((site) => allowed.has(site.id)) : sites;
  return Buffer.from(JSON.stringify({ data, count: data.length, page: 1, pageSize: Math.max(1, data.length), ...(budget && { budget }) }));
}
