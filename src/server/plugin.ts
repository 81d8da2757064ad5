import type { Plugin } from 'vite';

// Placeholder until the proxy lands: the real plugin adds the /api handler to dev and preview.
export function pulseboardServer(_env: Record<string, string | undefined>): Plugin {
  return { name: 'pulseboard-server' };
}
