import { expect, test } from 'vitest';
import { readRepoFile } from '../test/read-repo-file';

// A host page's own markup must not switch embed.js off: an element's id or name becomes a
// property of window (DOM clobbering), so no such property may be the "already loaded" mark.
test('an element named or with the id __pulseboardEmbed on the host page does not disable it', async () => {
  document.body.innerHTML = '<a id="__pulseboardEmbed"></a><form name="__pulseboardEmbed"></form><img name="pulseboard.embed">';
  const iframe = document.createElement('iframe');
  iframe.setAttribute('data-pulseboard-embed', '');
  iframe.setAttribute('src', 'https://pulse.example.com/?embed');
  iframe.style.height = '300px';
  document.body.append(iframe);
  // What a browser's named access on window does with that markup (jsdom does not do it).
  Object.defineProperty(window, '__pulseboardEmbed', { value: document.getElementById('__pulseboardEmbed'), configurable: true });

  (0, eval)(await readRepoFile('public/embed.js'));
  window.dispatchEvent(
    new MessageEvent('message', { data: { type: 'pulseboard:resize', height: 420 }, origin: 'https://pulse.example.com', source: iframe.contentWindow }),
  );
  expect(iframe.style.height).toBe('420px');
});
