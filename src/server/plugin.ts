import type { Connect, Plugin } from 'vite';
import { describeUpstream, loadConfig, type Env } from './config.ts';
import { createApiHandler } from './handler.ts';

/**
 * Adds the proxy to `vite` (dev) and `vite preview`: one middleware, registered before Vite's
 * own, so it sets the security headers on every response and answers /api and /healthz.
 * The config is read when a server starts, not when vite.config.ts loads: `vite build` and
 * Vitest load the config too and must not fail on a half-configured .env.
 */
export function pulseboardServer(env: Env): Plugin {
  const middleware = (dev: boolean, info: (line: string) => void): Connect.NextHandleFunction => {
    const config = loadConfig(env);
    info(`[pulseboard] upstream mode: ${config.upstream.mode}, ${describeUpstream(config)}${config.dashboardToken ? ', dashboard token required' : ''}`);
    const handler = createApiHandler(config, { dev, log: (line) => info(`[pulseboard] ${line}`) });
    return (req, res, next) => void handler(req, res, next);
  };
  return {
    name: 'pulseboard-server',
    configureServer(server) {
      server.middlewares.use(middleware(true, (line) => server.config.logger.info(line)));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(false, (line) => server.config.logger.info(line)));
    },
  };
}
