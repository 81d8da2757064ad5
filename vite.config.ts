import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { pulseboardServer } from './src/server/plugin.ts';

// The same /api proxy serves `vite` (dev) and `vite preview` (what `npm start` runs): the
// plugin adds one Node-side handler to both servers. Secrets stay in this process.
export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), ''), ...process.env };
  const host = env.HOST || '127.0.0.1';
  const port = Number(env.PORT) || 4173;
  // Vite answers only localhost and IP addresses unless told which host names are this server's
  // (a guard against DNS rebinding): a TV opening http://pulse.lan:4173 needs ALLOWED_HOSTS.
  const allowedHosts = (env.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    plugins: [react(), tailwindcss(), pulseboardServer(env)],
    server: { host, port: Number(env.DEV_PORT) || 5173, cors: false, allowedHosts },
    // No CORS: only the dashboard's own pages may read /api (Vite allows localhost origins by default).
    preview: { host, port, strictPort: true, cors: false, allowedHosts },
    // Every browser the build targets supports modulepreload: no polyfill in the first chunk.
    build: { target: 'es2022', sourcemap: false, modulePreload: { polyfill: false } },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'browser',
            environment: 'jsdom',
            include: ['src/**/*.test.{ts,tsx}'],
            exclude: ['src/server/**'],
            setupFiles: ['src/test/setup.ts'],
          },
        },
        {
          extends: true,
          test: { name: 'server', environment: 'node', include: ['src/server/**/*.test.ts'] },
        },
      ],
    },
  };
});
