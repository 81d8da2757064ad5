import { useCallback } from 'react';
import type { RealtimeResult } from '../../api/realtime';
import { useRealtime } from '../../api/use-realtime';
import { Panel } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { countryFlag, countryName, UNKNOWN_COUNTRY } from '../../lib/countries';
import { countUnlocatedSessions } from '../world-map/unlocated-sessions';
import { countryKey, type TopRow } from './top-list-data';
import { TopListView } from './top-list-view';

/**
 * Umami's `countries` skips sessions it could not place; they are counted from the session rows
 * as "Unknown", as beside the map, so the list and the map agree.
 */
export const selectCountries = ({ data }: RealtimeResult): Readonly<Record<string, number>> => {
  const unlocated = countUnlocatedSessions(data.events);
  if (unlocated === 0) return data.countries;
  return { ...data.countries, [UNKNOWN_COUNTRY]: (data.countries[UNKNOWN_COUNTRY] ?? 0) + unlocated };
};

// A fixed-width slot keeps names aligned when a flag is missing (Unknown).
const flag = (row: TopRow) => (
  <span aria-hidden="true" className="mr-[0.4em] inline-block w-[1.4em] text-center">
    {countryFlag(row.key)}
  </span>
);

export function CountriesPanel() {
  const { lang } = useDashboard();
  const countries = useRealtime(selectCountries);
  const labelFor = useCallback((key: string) => countryName(key, lang), [lang]);
  return (
    <Panel title="Countries" testId="top-countries">
      <TopListView
        map={countries}
        lang={lang}
        caption="Visitors by country in the last 30 minutes"
        keyHeader="Country"
        valueHeader="Visitors"
        emptyText="No visitors in the last 30 minutes"
        keyFor={countryKey}
        labelFor={labelFor}
        decorate={flag}
      />
    </Panel>
  );
}
