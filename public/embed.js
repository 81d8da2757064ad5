/*
 * Pulseboard embed host script. Include it on the page that embeds the dashboard:
 *
 *   <iframe data-pulseboard-embed src="https://pulse.example.com/?website=…&embed" title="Pulseboard"
 *           style="width: 100%; height: 300px; border: 0;"></iframe>
 *   <script src="https://pulse.example.com/embed.js" async></script>
 *
 * It sets each marked iframe's height to the height the dashboard reports, so the frame never
 * scrolls. It trusts a message only when it comes from the window of one of those iframes
 * (event.source), from that iframe's own origin (event.origin), and has the exact shape
 * { type: 'pulseboard:resize', height: number }; the height is clamped.
 */
(function () {
  'use strict';
  // Included twice (two widgets, one snippet each): keep a single listener. The mark is a
  // registered symbol on window, which no element id or name on the host page can clobber.
  var MARK = Symbol.for('pulseboard.embed');
  if (Object.prototype.hasOwnProperty.call(window, MARK)) return;
  Object.defineProperty(window, MARK, { value: true });

  var MIN_HEIGHT = 50;
  var MAX_HEIGHT = 10000;

  function originOf(iframe) {
    try {
      return new URL(iframe.getAttribute('src') || '', document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  function isResizeMessage(data) {
    return (
      typeof data === 'object' &&
      data !== null &&
      data.type === 'pulseboard:resize' &&
      typeof data.height === 'number' &&
      isFinite(data.height)
    );
  }

  window.addEventListener('message', function (event) {
    if (!isResizeMessage(event.data) || !event.source) return;
    // Looked up on every message, so iframes added after this script ran are sized too.
    var frames = document.querySelectorAll('iframe[data-pulseboard-embed]');
    for (var i = 0; i < frames.length; i++) {
      var iframe = frames[i];
      if (iframe.contentWindow !== event.source) continue;
      if (event.origin !== originOf(iframe)) return;
      var height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(event.data.height)));
      iframe.style.height = height + 'px';
      return;
    }
  });
})();
