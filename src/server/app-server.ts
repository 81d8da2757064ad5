import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProxyConfig } from './config.ts';
import { createApiHandler, type HandlerDeps } from './handler.ts';
import { isHostAllowed } from './host-check.ts';
import { contentSecurityPolicy, setSecurityHeaders } from './security-headers.ts';
import { createStaticHandler } from './static-files.ts';

// The production server: plain node:http, the Host guard, then the same API handler as the dev
// server's plugin, then the client build from disk.

/** Limits for slow or stuck clients; a poll is a small GET every 10 s. */
export const TIMEOUTS = {
  /** The whole request head must arrive within this. */
  headersMs: 10_000,
  /** The whole request, body included (the API takes none). */
  requestMs: 30_000,
  /** Longer than the poll interval, so a screen reuses its connection from poll to poll. */
  keepAliveMs: 15_000,
};

/** How long in-flight answers may take to finish on SIGTERM before their sockets are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

export type AppServerOptions = {
  config: ProxyConfig;
  /** The client build: index.html, assets/, public files. */
  staticDir: string;
  /** From `allowedHostsFrom(ALLOWED_HOSTS, HOST)`. */
  allowedHosts: readonly string[];
  deps?: HandlerDeps;
  timeouts?: Partial<typeof TIMEOUTS>;
};

export type AppServer = {
  server: Server;
  /** Stops accepting, lets in-flight answers finish (up to `graceMs`), closes every socket. */
  shutdown(graceMs?: number): Promise<'drained' | 'forced'>;
};

export function createAppServer({ config, staticDir, allowedHosts, deps = {}, timeouts = {} }: AppServerOptions): AppServer {
  const limits = { ...TIMEOUTS, ...timeouts };
  const api = createApiHandler(config, deps);
  const files = createStaticHandler(staticDir);
  const csp = contentSecurityPolicy(config.frameAncestors, false);
  let closing = false;

  // Node checks the two request limits every connectionsCheckingInterval (30 s by default).
  const checkEveryMs = Math.min(1_000, limits.headersMs);
  const server = createServer({ headersTimeout: limits.headersMs, requestTimeout: limits.requestMs, connectionsCheckingInterval: checkEveryMs }, (req, res) => {
    // A keep-alive socket that finishes its answer after close() would otherwise stay open.
    res.once('finish', () => closing && server.closeIdleConnections());
    if (closing) res.setHeader('connection', 'close');
    if (!isHostAllowed(req.headers.host, allowedHosts)) {
      const body = 'Blocked request: this host name is not allowed. Add it to ALLOWED_HOSTS.';
      setSecurityHeaders(res, csp);
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' });
      res.end(body);
      return;
    }
    void api(req, res, () => files(req, res));
  });
  server.keepAliveTimeout = limits.keepAliveMs;

  function shutdown(graceMs = SHUTDOWN_GRACE_MS): Promise<'drained' | 'forced'> {
    closing = true;
    return new Promise((resolve) => {
      let forced = false;
      const timer = setTimeout(() => {
        forced = true;
        server.closeAllConnections();
      }, graceMs);
      server.close(() => {
        clearTimeout(timer);
        resolve(forced ? 'forced' : 'drained');
      });
      server.closeIdleConnections();
    });
  }

  return { server, shutdown };
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
