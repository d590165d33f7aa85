import { useState } from 'react';
import type { ResolvedProjectSettings } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { useUrlState } from '../url-state';
import {
  type ApiRange,
  apiRangeOf,
  choiceFromParams,
  choiceToParams,
  dateIn,
  type DayInterval,
  intervalOf,
  type LastDays,
  previousOf,
  type RangeChoice,
} from './date-range';

/** A page's range as the picker and the reports need it. */
export interface DateRange {
  choice: RangeChoice;
  setChoice: (choice: RangeChoice) => void;
  /** The local days shown, both ends included. */
  interval: DayInterval;
  /** `from`/`to` for the API: the interval's local midnights in the project's zone. */
  from: string;
  to: string;
  compare: boolean;
  setCompare: (compare: boolean) => void;
  /** `from`/`to` of the period of the same length just before, when comparing: a report body's range. */
  previous: ApiRange | null;
  timeZone: string;
}

/**
 * The range of a page, in its URL (`?days=`, `?range=`, or `?from=&to=` dates, and `?compare=1`), counted in
 * whole days of the project's time zone (its `timeZone` setting), so that a reload or a shared link shows the
 * same days to everyone.
 */
export function useDateRange(fallback: LastDays = 30): DateRange {
  const { params, patch } = useUrlState();
  const settings = useProjectGet<ResolvedProjectSettings>('settings', {}, { staleTime: 60_000 });
  const timeZone = settings.data?.timeZone ?? 'UTC';
  const choice = choiceFromParams(params, fallback);
  const compare = params.get('compare') === '1';
  // The page's today, read once: a range stays the same days while the page is open.
  const [now] = useState(Date.now);
  const today = dateIn(now, timeZone);
  const interval = intervalOf(choice, today);
  return {
    choice,
    setChoice: (next: RangeChoice) => patch(choiceToParams(next, fallback)),
    interval,
    ...apiRangeOf(interval, timeZone),
    compare,
    setCompare: (on: boolean) => patch({ compare: on ? '1' : null }),
    previous: compare ? apiRangeOf(previousOf(interval), timeZone) : null,
    timeZone,
  };
}

/**
 * The API range of the last N days (today included) in the project's time zone, for a page that keeps its own
 * choice of N (the retention form).
 */
export function useLastDays(): (days: LastDays) => ApiRange {
  const settings = useProjectGet<ResolvedProjectSettings>('settings', {}, { staleTime: 60_000 });
  const timeZone = settings.data?.timeZone ?? 'UTC';
  const [now] = useState(Date.now);
  const today = dateIn(now, timeZone);
  return (days) => apiRangeOf(intervalOf({ kind: 'last', days }, today), timeZone);
}
