import { beforeAll, beforeEach, expect, test } from 'vitest';
import { readRepoFile } from '../test/read-repo-file';

// public/embed.js runs on other people's pages: these tests load the file as shipped into
// jsdom and check what it accepts.
const APP = 'https://pulse.example.com';

beforeAll(async () => {
  const source = await readRepoFile('public/embed.js');
  // Indirect eval: run it as a classic script in the page's global scope, as a <script> would.
  (0, eval)(source);
  (0, eval)(source); // a page that includes it twice still has one listener
});

let iframe: HTMLIFrameElement;
let other: HTMLIFrameElement;

beforeEach(() => {
  document.body.innerHTML = '';
  iframe = document.createElement('iframe');
  iframe.setAttribute('data-pulseboard-embed', '');
  iframe.setAttribute('src', `${APP}/?website=x&embed`);
  iframe.style.height = '300px';
  other = document.createElement('iframe'); // not marked: never resized
  other.setAttribute('src', `${APP}/?website=x&embed`);
  other.style.height = '300px';
  document.body.append(iframe, other);
});

function post(data: unknown, { origin = APP, source = iframe.contentWindow }: Init = {}) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

test('resizes the iframe the message came from', () => {
  post({ type: 'pulseboard:resize', height: 512.4 });
  expect(iframe.style.height).toBe('513px');
  expect(other.style.height).toBe('300px');
});

test.each([
  ['too small', -20, '50px'],
  ['too large', 1e9, '10000px'],
])('clamps a %s height', (_name, height, expected) => {
  post({ type: 'pulseboard:resize', height });
  expect(iframe.style.height).toBe(expected);
});

type Init = { origin?: string; source?: Window | null };

// Functions, because the iframes are created afresh before each test.
test.each<[string, unknown, () => Init]>([
  ['another origin', { type: 'pulseboard:resize', height: 900 }, () => ({ origin: 'https://evil.example' })],
  ['the host page itself', { type: 'pulseboard:resize', height: 900 }, () => ({ source: window })],
  ['no source', { type: 'pulseboard:resize', height: 900 }, () => ({ source: null })],
  ['an unmarked iframe', { type: 'pulseboard:resize', height: 900 }, () => ({ source: other.contentWindow })],
  ['another type', { type: 'resize', height: 900 }, () => ({})],
  ['a string height', { type: 'pulseboard:resize', height: '900' }, () => ({})],
  ['a NaN height', { type: 'pulseboard:resize', height: Number.NaN }, () => ({})],
  ['an infinite height', { type: 'pulseboard:resize', height: Number.POSITIVE_INFINITY }, () => ({})],
  ['a string message', 'pulseboard:resize:900', () => ({})],
  ['null', null, () => ({})],
])('ignores a message: %s', (_name, data, init) => {
  post(data, init());
  expect(iframe.style.height).toBe('300px');
  expect(other.style.height).toBe('300px');
});
