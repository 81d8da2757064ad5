import { CLIENT_LIMIT } from './client-limit.ts';
import { isUuid } from '../shared/validate.ts';

// Environment → typed proxy configuration. Every check happens once, at start-up, with an error
// that names the variable but never echoes its value (values may be secrets).

export const UPSTREAM_MODES = ['demo', 'cloud', 'login', 'apikey', 'share'] as const;
export type UpstreamMode = (typeof UPSTREAM_MODES)[number];

export const DEFAULT_CLOUD_URL = 'https://api.umami.is/v1';

export type UpstreamConfig =
  | { mode: 'demo'; seed: number | undefined }
  | { mode: 'cloud'; baseUrl: URL; apiKey: string }
  | { mode: 'login'; baseUrl: URL; username: string; password: string }
  | { mode: 'apikey'; baseUrl: URL; apiKey: string }
  /** `apiBase` is the share URL's origin + base path; `host` is shown as the site's domain. */
  | { mode: 'share'; apiBase: URL; slug: string; host: string };

export type Budget = { limit: number; windowMs: number };

export type ProxyConfig = {
  upstream: UpstreamConfig;
  /** Lower-case UUIDs the dashboard may show; null = every site the credentials can see. */
  websiteIds: ReadonlySet<string> | null;
  /** Without UMAMI_WEBSITE_IDS, also ask Umami about ids its site list does not hold (known-sites.ts). */
  allowUnlistedSites: boolean;
  dashboardToken: string | null;
  /** CSP `frame-ancestors` sources, space separated. */
  frameAncestors: string;
  timeoutMs: number;
  maxBodyBytes: number;
  cacheTtlMs: number;
  /** How long one answer of an exact route (stats, metrics, active) is shared by every viewer. */
  exactCacheTtlMs: number;
  /** How long one answer of a period route (today, yesterday, last week) is shared; never past the minute its window ends. */
  periodCacheTtlMs: number;
  cacheMaxEntries: number;
  /** Bytes of answers (and their gzip copies) the cache keeps at most. */
  cacheMaxBytes: number;
  budget: Budget;
  /** Tell clients apart by the last X-Forwarded-For address (set by your reverse proxy), not the socket. */
  trustProxy: boolean;
  /** New cache keys one client may open at once (client-limit.ts). */
  clientMissBurst: number;
};

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Empty strings count as unset: a `.env` line `UMAMI_URL=` must not switch modes. */
function read(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}.`);
  }
  return Number(raw);
}

/** An http(s) URL without credentials, query or fragment; trailing slashes dropped. */
function baseUrl(raw: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must start with http:// or https://.`);
  if (url.username || url.password) throw new ConfigError(`${name} must not contain a user name or password.`);
  if (url.search || url.hash) throw new ConfigError(`${name} must not contain a query string or fragment.`);
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** `https://host[/base]/share/<slug>` → the API base (`https://host[/base]`) and the slug. */
function shareUrl(raw: string): { apiBase: URL; slug: string; host: string } {
  const url = baseUrl(raw, 'UMAMI_SHARE_URL');
  const match = /^(.*)\/share\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
  if (!match) throw new ConfigError('UMAMI_SHARE_URL must look like https://umami.example.com/share/<share id>.');
  const apiBase = new URL(url.href);
  apiBase.pathname = match[1] ?? '';
  return { apiBase, slug: match[2] ?? '', host: url.host };
}

function upstream(env: Env): UpstreamConfig {
  const url = read(env, 'UMAMI_URL');
  const apiKey = read(env, 'UMAMI_API_KEY');
  const username = read(env, 'UMAMI_USERNAME');
  const password = read(env, 'UMAMI_PASSWORD');
  const share = read(env, 'UMAMI_SHARE_URL');

  if (share !== null) return { mode: 'share', ...shareUrl(share) };
  if ((username === null) !== (password === null)) {
    throw new ConfigError('Set both UMAMI_USERNAME and UMAMI_PASSWORD, or neither.');
  }
  if (url !== null) {
    const base = baseUrl(url, 'UMAMI_URL');
    if (username !== null && password !== null) return { mode: 'login', baseUrl: base, username, password };
    if (apiKey !== null) return { mode: 'apikey', baseUrl: base, apiKey };
    throw new ConfigError('UMAMI_URL needs UMAMI_USERNAME and UMAMI_PASSWORD (or UMAMI_API_KEY).');
  }
  if (username !== null) throw new ConfigError('UMAMI_USERNAME and UMAMI_PASSWORD need UMAMI_URL.');
  if (apiKey !== null) {
    return { mode: 'cloud', baseUrl: baseUrl(read(env, 'UMAMI_CLOUD_URL') ?? DEFAULT_CLOUD_URL, 'UMAMI_CLOUD_URL'), apiKey };
  }
  const seed = read(env, 'DEMO_SEED');
  if (seed !== null && !Number.isFinite(Number(seed))) throw new ConfigError('DEMO_SEED must be a number.');
  return { mode: 'demo', seed: seed === null ? undefined : Number(seed) };
}

function websiteIds(env: Env): ReadonlySet<string> | null {
  const raw = read(env, 'UMAMI_WEBSITE_IDS');
  if (raw === null) return null;
  const ids = raw
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  const bad = ids.filter((id) => !isUuid(id));
  if (bad.length > 0) throw new ConfigError(`UMAMI_WEBSITE_IDS must be comma-separated website UUIDs (${bad.length} are not).`);
  return ids.length > 0 ? new Set(ids) : null;
}

// 'self', 'none', scheme sources (https:) and host sources (https://*.example.com:8443/path).
const FRAME_SOURCE = /^(?:'self'|'none'|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?(?:\/[a-z0-9\-._~%!$&()*+=:@/]*)?)$/i;

function frameAncestors(env: Env): string {
  const raw = read(env, 'FRAME_ANCESTORS');
  if (raw === null) return "'self'";
  const sources = raw.split(/ +/);
  // A `;` or `,` would let the value add CSP directives, a line break a header: none pass.
  if (!sources.every((source) => FRAME_SOURCE.test(source))) {
    throw new ConfigError("FRAME_ANCESTORS must be CSP sources separated by spaces, e.g. 'self' https://intranet.example.com.");
  }
  return sources.join(' ');
}

function budget(env: Env, mode: UpstreamMode): Budget {
  // Umami Cloud allows about 50 calls per 15 s per key; stay under it. Self-hosted: generous.
  const fallback = mode === 'cloud' ? { limit: 40, windowMs: 15_000 } : { limit: 600, windowMs: 15_000 };
  const raw = read(env, 'UPSTREAM_BUDGET');
  if (raw === null) return fallback;
  const match = /^(\d{1,6})\s*\/\s*(\d{1,6}(?:\.\d{1,3})?)$/.exec(raw);
  const limit = Number(match?.[1]);
  const windowMs = Math.round(Number(match?.[2]) * 1000);
  if (!match || limit < 1 || windowMs < 1) {
    throw new ConfigError('UPSTREAM_BUDGET must look like 40/15 (at most 40 upstream calls per 15 seconds).');
  }
  return { limit, windowMs };
}

function flag(env: Env, name: string): boolean {
  const raw = read(env, name);
  if (raw === null || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be true or false (1 or 0).`);
}

export function loadConfig(env: Env): ProxyConfig {
  const up = upstream(env);
  return {
    upstream: up,
    websiteIds: websiteIds(env),
    allowUnlistedSites: flag(env, 'ALLOW_UNLISTED_SITES'),
    dashboardToken: read(env, 'DASHBOARD_TOKEN'),
    frameAncestors: frameAncestors(env),
    timeoutMs: integer(env, 'UPSTREAM_TIMEOUT_MS', 8_000, 100, 120_000),
    maxBodyBytes: integer(env, 'UPSTREAM_MAX_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    cacheTtlMs: integer(env, 'CACHE_TTL_MS', 5_000, 0, 3_600_000),
    // Half the browser's default 30 s interval: two upstream calls per route per minute at most.
    exactCacheTtlMs: integer(env, 'EXACT_CACHE_TTL_MS', 15_000, 0, 3_600_000),
    // The browser asks once a minute and the windows move once a minute.
    periodCacheTtlMs: integer(env, 'PERIOD_CACHE_TTL_MS', 60_000, 0, 3_600_000),
    cacheMaxEntries: integer(env, 'CACHE_MAX_ENTRIES', 500, 1, 100_000),
    // A 30-site wall needs a few MB; 64 MB leaves a 1 GB TV box room even when the cache is full.
    cacheMaxBytes: integer(env, 'CACHE_MAX_BYTES', 64 * 1024 * 1024, 1024 * 1024, 4 * 1024 * 1024 * 1024),
    budget: budget(env, up.mode),
    trustProxy: flag(env, 'TRUST_PROXY'),
    // Screens behind one address (a NAT without TRUST_PROXY, a test suite) share one bucket.
    clientMissBurst: integer(env, 'CLIENT_MISS_BURST', CLIENT_LIMIT.burst, 10, 10_000_000),
  };
}

/** Values that must never appear in a response or a log line (a safety net for the logger). */
export function secretsOf(config: ProxyConfig): string[] {
  const up = config.upstream;
  const values = [config.dashboardToken];
  if (up.mode === 'cloud' || up.mode === 'apikey') values.push(up.apiKey);
  if (up.mode === 'login') values.push(up.password);
  if (up.mode === 'share') values.push(up.slug);
  return values.filter((v): v is string => v !== null && v.length >= 4);
}

/** Where the proxy sends requests, safe to log: origin and base path, never a share slug. */
export function describeUpstream(config: ProxyConfig): string {
  const up = config.upstream;
  if (up.mode === 'demo') return 'demo data (no network)';
  if (up.mode === 'share') return `share link on ${up.apiBase.origin}${up.apiBase.pathname}`;
  return `${up.baseUrl.origin}${up.baseUrl.pathname}`;
}
