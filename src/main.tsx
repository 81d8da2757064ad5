import { notifyManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './index.css';
import { applyPageSettings } from './lib/page-settings';
import { refreshNow } from './lib/use-now';
import { parseOptions } from './options';

const queryClient = new QueryClient();
// Ages ("10 s ago") move on with each poll's answer, in the same batch TanStack Query uses to
// hand the answer to the panels: one render and one frame per poll, not two.
queryClient.getQueryCache().subscribe((event) => {
  if (event.type === 'updated' && event.action.type === 'success' && event.query.queryKey[0] === 'realtime') {
    notifyManager.schedule(refreshNow);
  }
});
const options = parseOptions(window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// Page-wide settings live on <html> (lang, theme, modes) so CSS applies before the first draw.
applyPageSettings(document.documentElement, options);
// Code for one mode loads only in that mode, so the first chunk stays small for every screen.
if (options.kiosk) void import('./lib/idle-cursor').then(({ watchIdle }) => watchIdle(document.documentElement));
// Only framed pages opened with ?embed report their height; the app never listens to messages.
if (options.embed) void import('./lib/embed-resize').then(({ startResizeReporting }) => startResizeReporting(window, root));

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App options={options} />
    </QueryClientProvider>
  </StrictMode>,
);
