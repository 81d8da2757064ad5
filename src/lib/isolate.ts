// Text from Umami (paths, names) can carry bidi controls: a U+202E in a path reverses whatever
// follows it. In markup a <bdi> holds it; in plain-text attributes (title, aria-label) this does.

const ISOLATE_CONTROLS = /[\u2066-\u2069]/g;

/**
 * `text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, so its direction controls end
 * where it ends. Its own isolate controls go: a stray U+2069 inside would close ours early.
 */
export function isolate(text: string): string {
  return `\u2068${text.replace(ISOLATE_CONTROLS, '')}\u2069`;
}
