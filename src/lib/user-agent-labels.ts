// Umami stores browser, OS and device as short codes from `detect-browser` and its own
// device guess. A wall screen shows words: known codes get their proper names, anything new
// gets a title-cased fallback, so a future code never shows up as raw machine text.

const BROWSERS: Record<string, string> = {
  android: 'Android Browser',
  aol: 'AOL',
  bb10: 'BlackBerry 10',
  beaker: 'Beaker',
  chrome: 'Chrome',
  'chromium-webview': 'Chrome (WebView)',
  crios: 'Chrome (iOS)',
  curl: 'curl',
  edge: 'Edge (Legacy)',
  'edge-chromium': 'Edge',
  'edge-ios': 'Edge (iOS)',
  facebook: 'Facebook',
  firefox: 'Firefox',
  fxios: 'Firefox (iOS)',
  ie: 'Internet Explorer',
  instagram: 'Instagram',
  ios: 'Safari (iOS)',
  'ios-webview': 'iOS WebView',
  kakaotalk: 'KakaoTalk',
  miui: 'MIUI Browser',
  opera: 'Opera',
  'opera-mini': 'Opera Mini',
  phantomjs: 'PhantomJS',
  safari: 'Safari',
  samsung: 'Samsung Internet',
  searchbot: 'Search bot',
  silk: 'Amazon Silk',
  yandexbrowser: 'Yandex Browser',
};

// Keys are lower-cased: Umami has stored both `iOS` and `ios` over the years.
const OPERATING_SYSTEMS: Record<string, string> = {
  ios: 'iOS',
  'mac os': 'macOS',
  'android os': 'Android',
  'chrome os': 'ChromeOS',
  'sun os': 'SunOS',
  'open bsd': 'OpenBSD',
  'blackberry os': 'BlackBerry OS',
  'amazon os': 'Fire OS',
  linux: 'Linux',
  'windows mobile': 'Windows Mobile',
};

const DEVICES: Record<string, string> = {
  desktop: 'Desktop',
  laptop: 'Laptop',
  mobile: 'Mobile',
  tablet: 'Tablet',
  smarttv: 'Smart TV',
  console: 'Console',
  wearable: 'Wearable',
};

/** `edge-ios` → "Edge Ios", `Windows 10` stays: capitalise each word, keep the rest as sent. */
export function titleCase(code: string): string {
  return code
    .trim()
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function label(table: Record<string, string>, code: string | null | undefined): string | null {
  if (code === null || code === undefined || code.trim() === '') return null;
  const key = code.trim().toLowerCase();
  // Own keys only: a browser called "constructor" is not Object's.
  return (Object.hasOwn(table, key) ? table[key] : undefined) ?? titleCase(code);
}

export function browserLabel(code: string | null | undefined): string | null {
  return label(BROWSERS, code);
}

export function osLabel(code: string | null | undefined): string | null {
  return label(OPERATING_SYSTEMS, code);
}

export function deviceLabel(code: string | null | undefined): string | null {
  return label(DEVICES, code);
}
