import { daysAgo, endOfToday } from '../format';
import { choiceParam, useUrlState } from './url-state';

export const RANGES = [7, 14, 30, 60, 90] as const;
export type RangeDays = (typeof RANGES)[number];

/** A report's range: the last `days` whole UTC days including today, as the API's `from`/`to`. */
export function rangeOf(days: number, now = Date.now()): { from: string; to: string } {
  return { from: daysAgo(days - 1, now), to: endOfToday(now) };
}

/** The range choice of a page, in its URL (`?days=`), so that a reload or a shared link keeps it. */
export function useRange(initial: RangeDays = 30) {
  const { params, patch } = useUrlState();
  const days = choiceParam(params.get('days'), RANGES, initial);
  const setDays = (next: RangeDays) => patch({ days: next === initial ? null : String(next) });
  return { days, setDays, ...rangeOf(days) };
}

/** "Last N days" as a labelled select. */
export function RangeSelect({ days, onChange }: { days: RangeDays; onChange: (days: RangeDays) => void }) {
  return (
    <label>
      Range
      <select value={days} onChange={(e) => onChange(Number(e.target.value) as RangeDays)}>
        {RANGES.map((d) => (
          <option key={d} value={d}>
            Last {d} days
          </option>
        ))}
      </select>
    </label>
  );
}
