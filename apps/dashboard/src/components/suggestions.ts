import { useMemo } from 'react';
import type { EventDefinitionList, FeatureQuery, FeatureResult } from '@bindery/contracts';
import { useProjectGet, useProjectReport } from '../api/hooks';
import { daysAgo, endOfToday, formatInt } from '../format';
import type { Suggestion } from './Combobox';

/**
 * The project's event names, most frequent first, for the event pickers. Failing to load them leaves the
 * pickers as plain text inputs: nothing to wait for.
 */
export function useEventOptions(): { options: Suggestion[]; loaded: boolean } {
  const query = useProjectGet<EventDefinitionList>('event-definitions', {}, { staleTime: 5 * 60_000 });
  const options = useMemo(
    () =>
      (query.data?.definitions ?? []).map((d) => ({
        name: d.event,
        hint: `${formatInt(d.count)} events`,
      })),
    [query.data],
  );
  return { options, loaded: !query.isPending };
}

/** Feature names used in the last 90 days, most used first: suggestions, so a failure shows none. */
export function useFeatureOptions(): Suggestion[] {
  const body: FeatureQuery = {
    from: daysAgo(90),
    to: endOfToday(),
    aggregateBy: 'user',
    abandonDays: 14,
    weekly: false,
  };
  const query = useProjectReport<FeatureResult>('features/query', body);
  return useMemo(() => (query.data?.features ?? []).map((f) => ({ name: f.feature })), [query.data]);
}
