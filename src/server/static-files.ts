import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { splitTarget } from './routes.ts';

// The client build, as files: Vite names everything under /assets/ by its content hash, so those
// never change and are cached for a year; everything else (index.html, embed.js, favicon.svg)
// keeps its name across deploys and is revalidated on each use (cheap: ETag → 304).

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const ASSETS = '/assets/';

function wantsHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  return !accept || accept.includes('*/*') || accept.includes('text/html');
}

/** A path the app's router owns (`/`, `/some/page`): GET or HEAD, no file extension, wants HTML. */
function isPageRoute(req: IncomingMessage, path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !path.startsWith(ASSETS) && !last.includes('.') && wantsHtml(req);
}

function plain(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'cache-control': REVALIDATE, ...headers });
  res.end(body);
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves `dir` (read once, at start) with the `.br`/`.gz` copies written at build time when the
 * browser accepts them. A missing asset is a real 404, so an old tab after a redeploy fails
 * loudly instead of running HTML as a script; only page routes fall back to index.html.
 */
export function createStaticHandler(dir: string): StaticHandler {
  const files = sirv(dir, { etag: true, brotli: true, gzip: true, extensions: ['html'], dotfiles: false });
  const notFound = (res: ServerResponse) => plain(res, 404, 'Not found');

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
    const { path } = splitTarget(req.url ?? '/');
    // sirv keeps a Cache-Control set before it, on 200 and 304 alike.
    res.setHeader('cache-control', path.startsWith(ASSETS) ? IMMUTABLE : REVALIDATE);
    files(req, res, () => {
      if (!isPageRoute(req, path)) return notFound(res);
      res.setHeader('cache-control', REVALIDATE);
      req.url = '/index.html';
      files(req, res, () => notFound(res));
    });
  };
}
