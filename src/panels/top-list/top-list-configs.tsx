import type { RealtimeResult } from '../../api/realtime';
import type { Counts } from '../../api/realtime-schema';
import { countsByName } from '../../lib/metric-rows';
import { countryFlag, countryName, UNKNOWN_COUNTRY } from '../../lib/countries';
import { countUnlocatedSessions } from '../world-map/unlocated-sessions';
import { countryKey, referrerKey, type TopRow } from './top-list-data';
import { TopListPanel, type TopListConfig } from './top-list-panel';

export const PAGES_LIST: TopListConfig = {
  id: 'pages',
  title: 'Pages',
  testId: 'top-pages',
  metric: 'path',
  exact: (rows) => countsByName(rows, 'pageviews', null),
  sample: (result) => result.data.urls,
  caption: 'Most viewed pages in the last 30 minutes',
  keyHeader: 'Page',
  valueHeader: 'Views',
  emptyText: 'No page views in the last 30 minutes',
};

export const REFERRERS_LIST: TopListConfig = {
  id: 'referrers',
  title: 'Referrers',
  testId: 'top-referrers',
  metric: 'referrer',
  // Umami's referrer rows leave out the site's own domain and visits without a referrer.
  exact: (rows) => countsByName(rows, 'visitors', null),
  sample: (result) => result.data.referrers,
  caption: 'Top referrers in the last 30 minutes',
  keyHeader: 'Referrer',
  valueHeader: 'Visitors',
  sampleValueHeader: 'Views',
  emptyText: 'No referrers in the last 30 minutes',
  keyFor: referrerKey,
};

/** Sessions Umami could not place count as "Unknown", as beside the map, so list and map agree. */
export const sampleCountries = ({ data }: RealtimeResult): Counts | null => {
  const unlocated = countUnlocatedSessions(data.events);
  if (unlocated === 0 || data.countries === null) return data.countries;
  return new Map(data.countries).set(UNKNOWN_COUNTRY, (data.countries.get(UNKNOWN_COUNTRY) ?? 0) + unlocated);
};

// A fixed-width slot keeps names aligned when a flag is missing (Unknown).
const flag = (row: TopRow) => (
  <span aria-hidden="true" className="mr-[0.4em] inline-block w-[1.4em] text-center">
    {countryFlag(row.key)}
  </span>
);

export const COUNTRIES_LIST: TopListConfig = {
  id: 'countries',
  title: 'Countries',
  testId: 'top-countries',
  metric: 'country',
  exact: (rows) => countsByName(rows, 'visitors', UNKNOWN_COUNTRY),
  sample: sampleCountries,
  caption: 'Visitors by country in the last 30 minutes',
  keyHeader: 'Country',
  valueHeader: 'Visitors',
  emptyText: 'No visitors in the last 30 minutes',
  keyFor: countryKey,
  labelFor: countryName,
  decorate: flag,
};

const TOP_LISTS = { pages: PAGES_LIST, referrers: REFERRERS_LIST, countries: COUNTRIES_LIST };
export type TopListId = keyof typeof TOP_LISTS;

/** One of the three lists, by its panel id. */
export function TopList({ id }: { id: TopListId }) {
  return <TopListPanel config={TOP_LISTS[id]} />;
}
