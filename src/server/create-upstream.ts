import type { UpstreamBudget } from './budget.ts';
import type { ProxyConfig } from './config.ts';
import { createDemoSource, type DemoSource } from './demo/index.ts';
import { createDemoUpstream } from './demo-upstream.ts';
import { createUmamiUpstream } from './umami-upstream.ts';
import type { Log, Upstream } from './upstream.ts';
import { createUpstreamFetch } from './upstream-fetch.ts';

export type UpstreamDeps = {
  fetch?: typeof fetch;
  demo?: DemoSource;
  now?: () => number;
  log: Log;
};

/** The upstream for the configured mode; every Umami call draws from the global `budget`. */
export function createUpstream(config: ProxyConfig, budget: UpstreamBudget, deps: UpstreamDeps): Upstream {
  const up = config.upstream;
  if (up.mode === 'demo') return createDemoUpstream(deps.demo ?? createDemoSource({ seed: up.seed }));
  const fetchUpstream = createUpstreamFetch({
    fetch: deps.fetch ?? globalThis.fetch,
    timeoutMs: config.timeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    budget,
  });
  return createUmamiUpstream(up, { fetchUpstream, log: deps.log, now: deps.now });
}
