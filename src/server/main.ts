import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppServer, listen } from './app-server.ts';
import { ConfigError, describeUpstream, loadConfig } from './config.ts';
import { readEnv } from './env-files.ts';
import { allowedHostsFrom } from './host-check.ts';

// `npm start`: the production server. Built into dist/server/main.js, it runs on plain Node
// with the runtime dependencies only. `--static-dir` serves another client build (the benchmark).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string) => console.log(`[pulseboard] ${line}`);

function fail(message: string): never {
  console.error(`[pulseboard] ${message}`);
  process.exit(1);
}

async function main() {
  const { values } = parseArgs({ options: { 'static-dir': { type: 'string' } } });
  const staticDir = resolve(ROOT, values['static-dir'] ?? 'dist/client');
  if (!existsSync(join(staticDir, 'index.html'))) fail(`no client build in ${staticDir}: run npm run build (npm start builds it when missing).`);
  const env = readEnv(ROOT, process.env);
  const host = env.HOST?.trim() || '127.0.0.1';
  const rawPort = env.PORT?.trim() || '4173';
  if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65_535) fail('PORT must be a whole number from 0 to 65535.');

  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  log(`upstream mode: ${config.upstream.mode}, ${describeUpstream(config)}${config.dashboardToken ? ', dashboard token required' : ''}`);

  const app = createAppServer({ config, staticDir, allowedHosts: allowedHostsFrom(env.ALLOWED_HOSTS, host), deps: { log } });
  try {
    const address = await listen(app.server, Number(rawPort), host);
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    log(`serving ${staticDir} on http://${shown}:${address.port}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `port ${rawPort} on ${host} is in use: set PORT to another one.` : `cannot listen on ${host}:${rawPort} (${code ?? String(error)}).`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing the answers under way, then stopping`);
    void app.shutdown().then((how) => {
      if (how === 'forced') log('some answers took too long and were cut');
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

await main();
