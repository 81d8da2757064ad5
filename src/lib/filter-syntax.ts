import { FILTER_NAMES, MAX_FILTERS, canonicalFilters, isFilterValue, type Filter, type FilterName, type FilterOperator } from '../shared/filters';

// `?filter=` as people write it: `path:/checkout,hostname:shop.example.com`. A filter is
// name, operator, colon, value; filters are separated by commas and must all hold.
//   path:/checkout       equals            path!:/checkout    does not equal
//   path~:/blog          contains          path!~:/blog       does not contain
// Names are Umami's (README: "Filtered walls"); a value cannot hold a comma.

const SYMBOLS: Record<FilterOperator, string> = { eq: '', neq: '!', c: '~', dnc: '!~' };
const OPERATOR_OF: Record<string, FilterOperator> = { '': 'eq', '!': 'neq', '~': 'c', '!~': 'dnc' };

const PART = /^([A-Za-z]+)\s*(!~|!|~)?\s*:(.*)$/s;

const byLowerName = new Map<string, FilterName>(FILTER_NAMES.map((name) => [name.toLowerCase(), name]));

type Warn = (message: string) => void;

/** `?filter=` → filters, canonical; a part that does not parse is left out with a warning. */
export function parseFilterSyntax(text: string, warn: Warn): Filter[] {
  const filters: Filter[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const match = PART.exec(part);
    const name = match ? byLowerName.get(match[1]!.toLowerCase()) : undefined;
    if (!match || !name) {
      warn(`Ignoring filter "${part}": write name:value with a name from the README (path, referrer, country, event…).`);
      continue;
    }
    const operator = OPERATOR_OF[match[2] ?? '']!;
    let value = match[3]!.trim();
    // Umami stores country codes in capitals and compares them exactly.
    if (name === 'country' && (operator === 'eq' || operator === 'neq')) value = value.toUpperCase();
    if (!isFilterValue(value)) {
      warn(`Ignoring filter "${part}": the value must be 1 to 200 characters, without commas or control characters.`);
      continue;
    }
    filters.push({ name, operator, value });
  }
  const canonical = canonicalFilters(filters);
  if (canonical.length > MAX_FILTERS) warn(`Only the first ${MAX_FILTERS} filters apply.`);
  return canonical.slice(0, MAX_FILTERS);
}

/** Filters → `?filter=` text; parseFilterSyntax reads it back to the same filters. */
export function formatFilterSyntax(filters: readonly Filter[]): string {
  return filters.map(({ name, operator, value }) => `${name}${SYMBOLS[operator]}:${value}`).join(',');
}

export const FILTER_LABELS: Record<FilterName, string> = {
  path: 'Page',
  referrer: 'Referrer',
  hostname: 'Hostname',
  title: 'Page title',
  query: 'Query',
  os: 'OS',
  browser: 'Browser',
  device: 'Device',
  country: 'Country',
  region: 'Region',
  city: 'City',
  language: 'Language',
  event: 'Event',
  tag: 'Tag',
  utmSource: 'UTM source',
  utmMedium: 'UTM medium',
  utmCampaign: 'UTM campaign',
  utmContent: 'UTM content',
  utmTerm: 'UTM term',
};

export const OPERATOR_LABELS: Record<FilterOperator, string> = { eq: 'is', neq: 'is not', c: 'contains', dnc: 'does not contain' };

/** "Page is /checkout": how the wall states a filter. */
export function describeFilter({ name, operator, value }: Filter): string {
  return `${FILTER_LABELS[name]} ${OPERATOR_LABELS[operator]} ${value}`;
}
