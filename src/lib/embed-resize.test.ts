import { afterEach, expect, test, vi } from 'vitest';
import { isFramed, parentOrigin, startResizeReporting } from './embed-resize';

afterEach(() => vi.unstubAllGlobals());

type Posted = { message: unknown; target: string };

function framedWindow({ ancestors = [] as string[], referrer = '' } = {}) {
  const posted: Posted[] = [];
  const parent = { postMessage: (message: unknown, target: string) => void posted.push({ message, target }) };
  const win = {
    parent,
    document: { referrer },
    location: { ancestorOrigins: Object.assign([...ancestors], { contains: (s: string) => ancestors.includes(s), item: (i: number) => ancestors[i] ?? null }) },
  } as unknown as Window;
  return { win, posted };
}

function elementOfHeight(initial: number) {
  let height = initial;
  const element = { getBoundingClientRect: () => ({ height }) } as unknown as Element;
  return { element, setHeight: (h: number) => void (height = h) };
}

/** A ResizeObserver the test can fire by hand (jsdom has no layout). */
function stubResizeObserver() {
  const callbacks: (() => void)[] = [];
  let disconnected = 0;
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(callback: () => void) {
        callbacks.push(callback);
      }
      observe() {}
      disconnect() {
        disconnected += 1;
      }
    },
  );
  return { fire: () => callbacks.forEach((c) => c()), disconnected: () => disconnected };
}

test('a top-level window is not framed; one with another parent is', () => {
  expect(isFramed(window)).toBe(false);
  expect(isFramed(framedWindow().win)).toBe(true);
});

test.each([
  [{ ancestors: ['https://host.example'], referrer: 'https://other.example/page' }, 'https://host.example'],
  [{ referrer: 'https://host.example/blog/post?x=1' }, 'https://host.example'],
  [{ referrer: '' }, '*'],
  [{ ancestors: ['null'], referrer: '' }, '*'],
])('parentOrigin(%j) is %s', (setup, expected) => {
  expect(parentOrigin(framedWindow(setup).win)).toBe(expected);
});

test('posts the rounded-up content height now and on each change, once per height', () => {
  const observer = stubResizeObserver();
  const { win, posted } = framedWindow({ referrer: 'https://host.example/' });
  const { element, setHeight } = elementOfHeight(240.2);

  const stop = startResizeReporting(win, element);
  observer.fire(); // same height: not sent again
  setHeight(512);
  observer.fire();
  stop();

  expect(posted).toEqual([
    { message: { type: 'pulseboard:resize', height: 241 }, target: 'https://host.example' },
    { message: { type: 'pulseboard:resize', height: 512 }, target: 'https://host.example' },
  ]);
  expect(observer.disconnected()).toBe(1);
});

test('sends nothing when it is not framed', () => {
  const observer = stubResizeObserver();
  const postMessage = vi.spyOn(window, 'postMessage');
  startResizeReporting(window, elementOfHeight(300).element)();
  observer.fire();
  expect(postMessage).not.toHaveBeenCalled();
});
