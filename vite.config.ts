import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { pulseboardServer } from './src/server/plugin.ts';
import { precompress } from './src/server/precompress.ts';

// `vite` (dev) serves the /api proxy through a plugin; `npm start` runs the production server
// (src/server/main.ts), built by `vite build --ssr` into dist/server beside the app in dist/client.
export default defineConfig(({ mode, isSsrBuild }) => {
  if (isSsrBuild) {
    return {
      build: { ssr: true, rolldownOptions: { input: 'src/server/main.ts' }, outDir: 'dist/server', emptyOutDir: true, target: 'node20', minify: false, sourcemap: false },
      // Runtime dependencies (sirv) stay imports, resolved from node_modules at run time.
      ssr: { target: 'node' },
      publicDir: false,
    };
  }
  const env = { ...loadEnv(mode, process.cwd(), ''), ...process.env };
  const host = env.HOST || '127.0.0.1';
  // Vite answers only localhost and IP addresses unless told which host names are this server's
  // (a guard against DNS rebinding): a TV opening http://pulse.lan:4173 needs ALLOWED_HOSTS.
  const allowedHosts = (env.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    plugins: [react(), tailwindcss(), pulseboardServer(env), precompress()],
    // No CORS: only the dashboard's own pages may read /api (Vite allows localhost origins by default).
    server: { host, port: Number(env.DEV_PORT) || 5173, cors: false, allowedHosts },
    // Every browser the build targets supports modulepreload: no polyfill in the first chunk.
    build: { outDir: 'dist/client', target: 'es2022', sourcemap: false, modulePreload: { polyfill: false } },
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
