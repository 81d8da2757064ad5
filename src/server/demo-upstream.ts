import type { DemoSource } from './demo/index.ts';
import { ProxyError } from './proxy-error.ts';
import type { Upstream } from './upstream.ts';
import { parseWebsites } from './websites.ts';

/** The demo source behind the same interface as Umami: no network, same cache and checks. */
export function createDemoUpstream(source: DemoSource): Upstream {
  return {
    mode: 'demo',
    async realtime(websiteId, { timezone }, filters) {
      const body = source.realtime(websiteId, { timezone }, filters);
      if (body === undefined) throw new ProxyError('unknown-website');
      return Buffer.from(JSON.stringify(body));
    },
    async exact(websiteId, request, filters) {
      const body = source.exact(websiteId, request, filters);
      if (body === undefined) throw new ProxyError('unknown-website');
      return Buffer.from(JSON.stringify(body));
    },
    async period(websiteId, request, filters) {
      const body = source.period(websiteId, request, filters);
      if (body === undefined) throw new ProxyError('unknown-website');
      return Buffer.from(JSON.stringify(body));
    },
    async websites() {
      return parseWebsites(source.websites());
    },
  };
}
