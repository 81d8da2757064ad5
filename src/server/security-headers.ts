import type { ServerResponse } from 'node:http';

// Headers for every response, the page and its assets included.

export function contentSecurityPolicy(frameAncestors: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // Vite's dev server injects an inline module (React refresh preamble) and talks to its
    // HMR websocket; the built app needs neither, so only dev relaxes these two.
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    // React and Recharts set style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export function setSecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}
