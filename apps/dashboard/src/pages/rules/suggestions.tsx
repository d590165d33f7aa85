import type { EventDefinitionList, FeatureQuery, FeatureResult } from '@bindery/contracts';
import { useProjectGet, useProjectReport } from '../../api/hooks';
import { daysAgo, endOfToday } from '../../format';

/** Feature names used in the last 90 days, most used first: suggestions, so a failure shows none. */
export function useFeatureNames(): string[] {
  const body: FeatureQuery = {
    from: daysAgo(90),
    to: endOfToday(),
    aggregateBy: 'user',
    abandonDays: 14,
    weekly: false,
  };
  const query = useProjectReport<FeatureResult>('features/query', body);
  return query.data?.features.map((f) => f.feature) ?? [];
}

/** The project's event names, as suggestions. */
export function useEventNames(): string[] {
  const query = useProjectGet<EventDefinitionList>('event-definitions');
  return query.data?.definitions.map((d) => d.event).filter((e) => !e.startsWith('$')) ?? [];
}

export function Suggestions({ id, values }: { id: string; values: string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}
