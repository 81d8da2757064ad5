import type { Connect, Plugin } from 'vite';
import { describeUpstream, loadConfig, type Env } from './config.ts';
import { createApiHandler } from './handler.ts';

/**
 * Adds the proxy to `vite` (dev; production runs src/server/main.ts): one middleware,
 * registered before Vite's own, so it sets the security headers on every response and answers
 * /api and /healthz. The config is read when the server starts, not when vite.config.ts loads:
 * `vite build` and Vitest load the config too and must not fail on a half-configured .env.
 */
export function pulseboardServer(env: Env): Plugin {
  const middleware = (info: (line: string) => void): Connect.NextHandleFunction => {
    const config = loadConfig(env);
    info(`[pulseboard] upstream mode: ${config.upstream.mode}, ${describeUpstream(config)}${config.dashboardToken ? ', dashboard token required' : ''}`);
    const handler = createApiHandler(config, { dev: true, log: (line) => info(`[pulseboard] ${line}`) });
    return (req, res, next) => void handler(req, res, next);
  };
  return {
    name: 'pulseboard-server',
    configureServer(server) {
      server.middlewares.use(middleware((line) => server.config.logger.info(line)));
    },
  };
}
