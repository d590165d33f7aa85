import { useState } from 'react';
import { daysAgo, endOfToday } from '../format';

export const RANGES = [7, 14, 30, 60, 90] as const;
export type RangeDays = (typeof RANGES)[number];

/** A report's range: the last `days` whole UTC days including today, as the API's `from`/`to`. */
export function rangeOf(days: number, now = Date.now()): { from: string; to: string } {
  return { from: daysAgo(days - 1, now), to: endOfToday(now) };
}

/** The range choice of a page, kept while the page is open. */
export function useRange(initial: RangeDays = 30) {
  const [days, setDays] = useState<RangeDays>(initial);
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
