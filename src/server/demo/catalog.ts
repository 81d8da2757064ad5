import { hashString, weighted, type WeightedTable } from './random.ts';

// What the demo websites look like: who visits, from where, with what, and where they click.
// Weights are rough shares of real-world web traffic, enough to make the map and lists look
// familiar; they are not statistics.

export type Visitor = { browser: string; os: string; device: string };

export type PageSpec = {
  /** Where a visitor goes next from this page, weighted. */
  next: ReadonlyArray<readonly [string, number]>;
  /** Custom events this page can fire, with the chance per view. */
  events?: ReadonlyArray<readonly [string, number]>;
};

export type DemoSite = {
  id: string;
  name: string;
  domain: string;
  createdAt: string;
  shareId: string | null;
  /** Mixed into every seed so two sites never share a random stream. */
  salt: number;
  /** Mean new sessions per minute at the daily average (before the diurnal curve and noise). */
  sessionsPerMinute: number;
  /** Chance that a session that has seen a page views another one. */
  continueChance: number;
  entries: WeightedTable<string>;
  referrers: WeightedTable<string | null>;
  visitors: WeightedTable<Visitor>;
  pages: ReadonlyMap<string, { next: WeightedTable<string>; events: ReadonlyArray<readonly [string, number]> }>;
};

export const DEMO_USER_ID = '5d0c8f1e-3a7b-4c2d-9e6f-8a1b2c3d4e50';
export const DEMO_USERNAME = 'demo';

/** ISO alpha-2 codes, roughly by share of visits. `null` is a visitor with no geo (VPNs, localhost). */
export const COUNTRY_WEIGHTS: ReadonlyArray<readonly [string | null, number]> = [
  ['US', 22], ['DE', 8], ['GB', 7], ['IN', 6], ['FR', 4], ['CA', 4], ['BR', 3.5], ['JP', 3],
  ['NL', 2.5], ['AU', 2.5], ['ES', 2], ['IT', 2], ['PL', 1.8], ['CN', 1.2], ['KR', 1.2],
  ['SE', 1.3], ['MX', 1.5], ['CH', 1], ['TR', 1], ['ID', 1], ['AT', 0.9], ['BE', 0.9],
  ['UA', 0.8], ['SG', 0.8], ['VN', 0.8], ['AR', 0.8], ['DK', 0.7], ['NO', 0.7], ['PT', 0.7],
  ['CZ', 0.7], ['TW', 0.7], ['PH', 0.7], ['FI', 0.6], ['IE', 0.6], ['RO', 0.6], ['CO', 0.6],
  ['ZA', 0.6], ['NG', 0.6], ['IL', 0.6], ['NZ', 0.6], ['TH', 0.6], ['CL', 0.5], ['MY', 0.5],
  ['PK', 0.5], ['AE', 0.5], ['EG', 0.4], ['SA', 0.4], ['BD', 0.4], ['GR', 0.4], ['HU', 0.4],
  ['KE', 0.3], ['EE', 0.2], ['IS', 0.1],
  [null, 1.5],
];

const DESKTOP_VISITORS: ReadonlyArray<readonly [Visitor, number]> = [
  [{ browser: 'chrome', os: 'Windows 10', device: 'laptop' }, 14],
  [{ browser: 'chrome', os: 'Windows 10', device: 'desktop' }, 10],
  [{ browser: 'edge-chromium', os: 'Windows 10', device: 'laptop' }, 6],
  [{ browser: 'edge-chromium', os: 'Windows 10', device: 'desktop' }, 3],
  [{ browser: 'firefox', os: 'Windows 10', device: 'laptop' }, 3],
  [{ browser: 'opera', os: 'Windows 10', device: 'desktop' }, 0.8],
  [{ browser: 'chrome', os: 'Mac OS', device: 'laptop' }, 9],
  [{ browser: 'safari', os: 'Mac OS', device: 'laptop' }, 7],
  [{ browser: 'chrome', os: 'Mac OS', device: 'desktop' }, 3],
  [{ browser: 'safari', os: 'Mac OS', device: 'desktop' }, 2],
  [{ browser: 'firefox', os: 'Mac OS', device: 'laptop' }, 1.5],
  [{ browser: 'firefox', os: 'Linux', device: 'desktop' }, 2],
  [{ browser: 'chrome', os: 'Linux', device: 'laptop' }, 2],
  [{ browser: 'chrome', os: 'Chrome OS', device: 'laptop' }, 1.5],
];

const MOBILE_VISITORS: ReadonlyArray<readonly [Visitor, number]> = [
  [{ browser: 'ios', os: 'iOS', device: 'mobile' }, 12],
  [{ browser: 'crios', os: 'iOS', device: 'mobile' }, 2],
  [{ browser: 'ios', os: 'iOS', device: 'tablet' }, 2.5],
  [{ browser: 'chrome', os: 'Android OS', device: 'mobile' }, 14],
  [{ browser: 'samsung', os: 'Android OS', device: 'mobile' }, 3],
  [{ browser: 'chrome', os: 'Android OS', device: 'tablet' }, 1],
  [{ browser: 'firefox', os: 'Android OS', device: 'mobile' }, 0.6],
  [{ browser: 'opera', os: 'Android OS', device: 'mobile' }, 0.4],
];

/** Desktop and mobile mixed with a per-site share for phones and tablets. */
function visitorMix(mobileFactor: number): WeightedTable<Visitor> {
  return weighted([
    ...DESKTOP_VISITORS,
    ...MOBILE_VISITORS.map(([visitor, weight]) => [visitor, weight * mobileFactor] as const),
  ]);
}

type SiteSpec = {
  id: string;
  name: string;
  domain: string;
  createdAt: string;
  sessionsPerMinute: number;
  continueChance: number;
  mobileFactor: number;
  entries: ReadonlyArray<readonly [string, number]>;
  referrers: ReadonlyArray<readonly [string | null, number]>;
  pages: Readonly<Record<string, PageSpec>>;
};

const SHOP: SiteSpec = {
  id: '7f3c2a9e-1b4d-4e8a-9c2f-5d6e7a8b9c01',
  name: 'Demo Shop',
  domain: 'shop.demo.example',
  createdAt: '2025-03-04T09:12:45.318Z',
  // ~85 sessions (~350 rows) per 30 minutes on an average hour, 40 at night, 150 at a busy peak:
  // far past the realtime answer's 100-row sample, as on any site worth a wall.
  sessionsPerMinute: 2.8,
  continueChance: 0.72,
  mobileFactor: 1.1,
  entries: [
    ['/', 30],
    ['/products', 10],
    ['/products/trail-runner-2', 9],
    ['/products/summit-jacket', 7],
    ['/products/merino-socks', 5],
    ['/sale', 8],
    ['/blog/how-to-layer', 5],
  ],
  referrers: [
    [null, 30], ['google.com', 30], ['bing.com', 4], ['duckduckgo.com', 4], ['l.facebook.com', 5],
    ['instagram.com', 4], ['t.co', 3], ['reddit.com', 3], ['pinterest.com', 2],
    ['news.ycombinator.com', 1], ['chatgpt.com', 2], ['newsletter.demo.example', 2],
  ],
  pages: {
    '/': { next: [['/products', 6], ['/sale', 3], ['/products/trail-runner-2', 2], ['/products/summit-jacket', 2], ['/about', 1]], events: [['newsletter-subscribe', 0.05]] },
    '/products': { next: [['/products/trail-runner-2', 4], ['/products/summit-jacket', 4], ['/products/merino-socks', 3], ['/products/daypack-28', 3], ['/sale', 1]] },
    '/products/trail-runner-2': { next: [['/products/trail-runner-2#reviews', 3], ['/cart', 3], ['/products', 3], ['/products/merino-socks', 1]], events: [['add-to-cart', 0.3]] },
    '/products/trail-runner-2#reviews': { next: [['/cart', 3], ['/products', 2]], events: [['add-to-cart', 0.25]] },
    '/products/summit-jacket': { next: [['/products/summit-jacket#size-guide', 2], ['/cart', 3], ['/products', 3]], events: [['add-to-cart', 0.28]] },
    '/products/summit-jacket#size-guide': { next: [['/cart', 2], ['/products/summit-jacket', 2]] },
    '/products/merino-socks': { next: [['/cart', 3], ['/products', 2]], events: [['add-to-cart', 0.35]] },
    '/products/daypack-28': { next: [['/cart', 2], ['/products', 3]], events: [['add-to-cart', 0.15]] },
    '/sale': { next: [['/products/merino-socks', 3], ['/products/daypack-28', 3], ['/products', 2]] },
    '/cart': { next: [['/checkout', 5], ['/products', 2]] },
    '/checkout': { next: [['/checkout/thank-you', 5], ['/cart', 1]], events: [['purchase', 0.55]] },
    '/checkout/thank-you': { next: [['/', 1], ['/blog/how-to-layer', 1]], events: [['newsletter-subscribe', 0.1]] },
    '/blog/how-to-layer': { next: [['/products/summit-jacket', 3], ['/products/merino-socks', 2], ['/', 1]], events: [['outbound-link-click', 0.15]] },
    '/about': { next: [['/contact', 2], ['/', 2]] },
    '/contact': { next: [['/', 1]], events: [['contact-form-submit', 0.2]] },
  },
};

const DOCS: SiteSpec = {
  id: '2b8e4f61-9c3a-4d7e-b1f2-3a4c5d6e7f02',
  name: 'Docs Hub',
  domain: 'docs.demo.example',
  createdAt: '2025-03-04T09:14:02.906Z',
  // ~15 sessions per 30 minutes, mostly desktop readers arriving from search and GitHub.
  sessionsPerMinute: 0.5,
  continueChance: 0.66,
  mobileFactor: 0.3,
  entries: [
    ['/', 15], ['/getting-started', 20], ['/guides/installation', 12], ['/guides/configuration', 10],
    ['/api/realtime', 10], ['/reference/cli', 6], ['/faq', 5], ['/changelog', 4],
  ],
  referrers: [
    ['google.com', 35], [null, 20], ['github.com', 15], ['stackoverflow.com', 8],
    ['duckduckgo.com', 5], ['news.ycombinator.com', 4], ['chatgpt.com', 4], ['reddit.com', 3],
    ['t.co', 2], ['bing.com', 2],
  ],
  pages: {
    '/': { next: [['/getting-started', 5], ['/guides/installation', 2], ['/api/realtime', 2], ['/changelog', 1]], events: [['signup-click', 0.04]] },
    '/getting-started': { next: [['/guides/installation', 5], ['/guides/configuration', 2], ['/faq', 1]], events: [['copy-code', 0.2]] },
    '/guides/installation': { next: [['/guides/installation#docker', 3], ['/guides/configuration', 4], ['/faq', 1]], events: [['copy-code', 0.3]] },
    '/guides/installation#docker': { next: [['/guides/configuration', 3], ['/reference/cli', 1]], events: [['copy-code', 0.35], ['outbound-link-click', 0.08]] },
    '/guides/configuration': { next: [['/reference/cli', 2], ['/api/realtime', 3], ['/faq', 1]], events: [['copy-code', 0.15]] },
    '/api/realtime': { next: [['/api/websites', 3], ['/guides/configuration', 1], ['/api/realtime#quirks', 2]], events: [['copy-code', 0.2], ['signup-click', 0.05]] },
    '/api/realtime#quirks': { next: [['/api/websites', 1], ['/faq', 1]] },
    '/api/websites': { next: [['/api/realtime', 2], ['/reference/cli', 1]], events: [['copy-code', 0.15]] },
    '/reference/cli': { next: [['/guides/configuration', 2], ['/changelog', 1]], events: [['copy-code', 0.2]] },
    '/faq': { next: [['/getting-started', 2], ['/', 1]], events: [['outbound-link-click', 0.1]] },
    '/changelog': { next: [['/', 1], ['/guides/installation', 1]], events: [['outbound-link-click', 0.15], ['signup-click', 0.05]] },
  },
};

const BLOG: SiteSpec = {
  id: 'a91d5c37-6e2b-4f8c-8d4a-1b2c3d4e5f03',
  name: 'Field Notes',
  domain: 'notes.demo.example',
  createdAt: '2025-03-05T17:40:19.072Z',
  // A quiet personal blog: a handful of readers per half hour.
  sessionsPerMinute: 0.12,
  continueChance: 0.4,
  mobileFactor: 1.3,
  entries: [
    ['/posts/why-i-self-host-analytics', 10], ['/posts/a-year-of-sourdough', 6],
    ['/posts/tiny-dashboards', 7], ['/', 5], ['/about', 1],
  ],
  referrers: [
    [null, 25], ['news.ycombinator.com', 12], ['google.com', 15], ['t.co', 8], ['reddit.com', 8],
    ['bsky.app', 5], ['mastodon.social', 4], ['lobste.rs', 4], ['duckduckgo.com', 4], ['feedly.com', 3],
  ],
  pages: {
    '/': { next: [['/posts/why-i-self-host-analytics', 3], ['/posts/tiny-dashboards', 2], ['/posts/a-year-of-sourdough', 2], ['/about', 1]] },
    '/posts/why-i-self-host-analytics': { next: [['/posts/tiny-dashboards', 3], ['/', 2], ['/about', 1]], events: [['outbound-link-click', 0.12], ['newsletter-subscribe', 0.04]] },
    '/posts/tiny-dashboards': { next: [['/posts/why-i-self-host-analytics', 2], ['/', 1]], events: [['outbound-link-click', 0.1]] },
    '/posts/a-year-of-sourdough': { next: [['/', 2], ['/about', 1]], events: [['newsletter-subscribe', 0.05]] },
    '/about': { next: [['/', 1]], events: [['outbound-link-click', 0.2]] },
  },
};

const NEWS: SiteSpec = {
  id: 'c4e7a1b9-5d2f-4a63-8e1c-7b9d0f2a3c04',
  name: 'Harbor News',
  domain: 'news.demo.example',
  createdAt: '2025-04-11T06:02:51.447Z',
  // The agency's biggest client: a regional news site, ~270 sessions per 30 minutes on an average hour.
  sessionsPerMinute: 9,
  continueChance: 0.45,
  mobileFactor: 2.2,
  entries: [
    ['/', 25], ['/live/storm-warning', 18], ['/local/ferry-timetable-changes', 10], ['/sport/harbor-fc-wins-derby', 9],
    ['/business/port-expansion-approved', 6], ['/weather', 8], ['/opinion/why-the-tram-matters', 3],
  ],
  referrers: [
    [null, 28], ['google.com', 26], ['news.google.com', 12], ['l.facebook.com', 10], ['t.co', 5],
    ['bsky.app', 3], ['reddit.com', 3], ['duckduckgo.com', 2], ['bing.com', 3], ['flipboard.com', 2],
  ],
  pages: {
    '/': { next: [['/live/storm-warning', 5], ['/local/ferry-timetable-changes', 3], ['/sport/harbor-fc-wins-derby', 3], ['/weather', 2], ['/business/port-expansion-approved', 1]], events: [['newsletter-subscribe', 0.01]] },
    '/live/storm-warning': { next: [['/weather', 4], ['/', 2], ['/local/ferry-timetable-changes', 2]], events: [['share', 0.06], ['live-refresh', 0.2]] },
    '/local/ferry-timetable-changes': { next: [['/', 2], ['/live/storm-warning', 1]], events: [['share', 0.04]] },
    '/sport/harbor-fc-wins-derby': { next: [['/', 2], ['/sport', 2]], events: [['video-play', 0.15], ['share', 0.05]] },
    '/sport': { next: [['/sport/harbor-fc-wins-derby', 2], ['/', 1]] },
    '/business/port-expansion-approved': { next: [['/', 2], ['/opinion/why-the-tram-matters', 1]], events: [['paywall-shown', 0.3]] },
    '/weather': { next: [['/live/storm-warning', 2], ['/', 2]] },
    '/opinion/why-the-tram-matters': { next: [['/', 1]], events: [['paywall-shown', 0.4], ['subscribe-click', 0.03]] },
  },
};

const APP: SiteSpec = {
  id: 'e1f2a3b4-6c7d-4e8f-9a0b-1c2d3e4f5a05',
  name: 'Northwind App',
  domain: 'app.northwind.demo.example',
  createdAt: '2025-05-20T13:45:10.221Z',
  // A B2B web app: signed-in users on desktops during office hours, long sessions.
  sessionsPerMinute: 1.6,
  continueChance: 0.85,
  mobileFactor: 0.15,
  entries: [['/login', 30], ['/dashboard', 40], ['/reports', 8], ['/settings/billing', 2]],
  referrers: [[null, 80], ['google.com', 8], ['mail.google.com', 6], ['outlook.office.com', 4], ['slack.com', 2]],
  pages: {
    '/login': { next: [['/dashboard', 8], ['/login/forgot-password', 1]], events: [['login', 0.9]] },
    '/login/forgot-password': { next: [['/login', 1]], events: [['password-reset', 0.6]] },
    '/dashboard': { next: [['/reports', 4], ['/projects', 4], ['/invoices', 2], ['/settings', 1]] },
    '/reports': { next: [['/reports/monthly', 3], ['/dashboard', 2]], events: [['export-csv', 0.12]] },
    '/reports/monthly': { next: [['/reports', 2], ['/dashboard', 1]], events: [['export-pdf', 0.15]] },
    '/projects': { next: [['/projects/new', 1], ['/dashboard', 3], ['/reports', 1]], events: [['filter-change', 0.3]] },
    '/projects/new': { next: [['/projects', 2]], events: [['project-created', 0.5]] },
    '/invoices': { next: [['/dashboard', 2], ['/settings/billing', 1]], events: [['invoice-sent', 0.25]] },
    '/settings': { next: [['/settings/billing', 1], ['/dashboard', 2]] },
    '/settings/billing': { next: [['/dashboard', 1]], events: [['plan-upgrade', 0.04]] },
  },
};

const CONFERENCE: SiteSpec = {
  id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c06',
  name: 'Summit Conf',
  domain: 'summit.demo.example',
  createdAt: '2025-08-01T10:00:00.000Z',
  // An event site weeks before the conference: a steady trickle of schedule readers and buyers.
  sessionsPerMinute: 0.8,
  continueChance: 0.6,
  mobileFactor: 1,
  entries: [['/', 30], ['/schedule', 15], ['/speakers', 10], ['/tickets', 12], ['/venue', 4]],
  referrers: [
    [null, 25], ['google.com', 20], ['linkedin.com', 15], ['t.co', 8], ['bsky.app', 5], ['mastodon.social', 3], ['news.ycombinator.com', 2],
  ],
  pages: {
    '/': { next: [['/schedule', 4], ['/speakers', 3], ['/tickets', 3], ['/venue', 1]] },
    '/schedule': { next: [['/speakers', 2], ['/tickets', 2], ['/', 1]], events: [['add-to-calendar', 0.1]] },
    '/speakers': { next: [['/schedule', 2], ['/tickets', 1]] },
    '/tickets': { next: [['/tickets/checkout', 3], ['/schedule', 1]], events: [['ticket-select', 0.4]] },
    '/tickets/checkout': { next: [['/tickets/thank-you', 2], ['/tickets', 1]], events: [['ticket-purchase', 0.5]] },
    '/tickets/thank-you': { next: [['/venue', 1]] },
    '/venue': { next: [['/tickets', 1], ['/', 1]], events: [['outbound-link-click', 0.2]] },
  },
};

const BAKERY: SiteSpec = {
  id: '9d8c7b6a-5f4e-4d3c-ab2a-1f0e9d8c7b07',
  name: 'Pine Street Bakery',
  domain: 'pinestreet.demo.example',
  createdAt: '2025-09-14T07:30:00.000Z',
  // A corner shop's homepage: two visitors per half hour, often nobody online.
  sessionsPerMinute: 0.07,
  continueChance: 0.5,
  mobileFactor: 2.5,
  entries: [['/', 10], ['/menu', 6], ['/opening-hours', 5]],
  referrers: [[null, 30], ['google.com', 40], ['maps.google.com', 20], ['instagram.com', 10]],
  pages: {
    '/': { next: [['/menu', 3], ['/opening-hours', 2]] },
    '/menu': { next: [['/order', 1], ['/opening-hours', 1]] },
    '/opening-hours': { next: [['/', 1]], events: [['call-click', 0.2], ['directions-click', 0.2]] },
    '/order': { next: [['/menu', 1]], events: [['order-cake', 0.3]] },
  },
};

function buildSite(spec: SiteSpec): DemoSite {
  return {
    id: spec.id,
    name: spec.name,
    domain: spec.domain,
    createdAt: spec.createdAt,
    shareId: null,
    salt: hashString(spec.id),
    sessionsPerMinute: spec.sessionsPerMinute,
    continueChance: spec.continueChance,
    entries: weighted(spec.entries),
    referrers: weighted(spec.referrers),
    visitors: visitorMix(spec.mobileFactor),
    pages: new Map(
      Object.entries(spec.pages).map(([path, page]) => [path, { next: weighted(page.next), events: page.events ?? [] }]),
    ),
  };
}

/** The demo websites, sorted by name as Umami's list is: seven sizes, from a news site to a corner shop, for the overview wall. */
export const DEMO_SITES: readonly DemoSite[] = [SHOP, DOCS, BLOG, NEWS, APP, CONFERENCE, BAKERY]
  .map(buildSite)
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

export const COUNTRIES: WeightedTable<string | null> = weighted(COUNTRY_WEIGHTS);

export function findSite(websiteId: string): DemoSite | undefined {
  const id = websiteId.toLowerCase();
  return DEMO_SITES.find((site) => site.id === id);
}
