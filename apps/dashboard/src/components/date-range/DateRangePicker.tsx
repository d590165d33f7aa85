import { useState } from 'react';
import { type DayInterval, isDate, LAST_DAYS, lengthOf, MAX_DAYS, type RangeChoice } from './date-range';
import type { DateRange } from './use-date-range';
import './date-range.css';

const MONTH_LABELS = { 'this-month': 'This month', 'last-month': 'Last month' } as const;

const selectValue = (choice: RangeChoice) => (choice.kind === 'last' ? String(choice.days) : choice.kind);

/**
 * The range of a report: presets (the last 7 to 90 days, this month, last month) or custom dates with the
 * browser's date inputs, in the project's time zone; optionally a "compare to previous period" toggle.
 */
export function DateRangePicker({ range, comparable = false }: { range: DateRange; comparable?: boolean }) {
  const { choice, interval } = range;
  const custom = choice.kind === 'custom';

  function pick(value: string) {
    if (value === 'custom') {
      range.setChoice({ kind: 'custom', from: interval.first, to: interval.last });
      return;
    }
    if (value === 'this-month' || value === 'last-month') {
      range.setChoice({ kind: value });
      return;
    }
    const days = LAST_DAYS.find((d) => String(d) === value);
    if (days) range.setChoice({ kind: 'last', days });
  }

  return (
    <div className="date-range-picker">
      <label>
        Range
        <select value={selectValue(choice)} onChange={(e) => pick(e.target.value)}>
          {LAST_DAYS.map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
          <option value="this-month">{MONTH_LABELS['this-month']}</option>
          <option value="last-month">{MONTH_LABELS['last-month']}</option>
          <option value="custom">Custom dates</option>
        </select>
      </label>
      {custom && (
        <CustomDates
          interval={interval}
          onChange={(i) => range.setChoice({ kind: 'custom', from: i.first, to: i.last })}
        />
      )}
      {comparable && (
        <label className="inline date-range-compare">
          <input
            type="checkbox"
            checked={range.compare}
            onChange={(e) => range.setCompare(e.target.checked)}
          />
          Compare to previous period
        </label>
      )}
      <span className="muted date-range-zone">Days in {range.timeZone}</span>
    </div>
  );
}

/**
 * From and to dates, as typed: a pair in order and at most MAX_DAYS apart is applied at once, anything else waits,
 * flagged. The page's URL holds the applied pair.
 */
function CustomDates({
  interval,
  onChange,
}: {
  interval: DayInterval;
  onChange: (interval: DayInterval) => void;
}) {
  const [draft, setDraft] = useState(interval);
  const valid =
    isDate(draft.first) && isDate(draft.last) && draft.first <= draft.last && lengthOf(draft) <= MAX_DAYS;

  function change(next: DayInterval) {
    setDraft(next);
    if (isDate(next.first) && isDate(next.last) && next.first <= next.last && lengthOf(next) <= MAX_DAYS) {
      onChange(next);
    }
  }

  return (
    <>
      <label>
        From
        <input
          type="date"
          value={draft.first}
          max={draft.last}
          aria-invalid={!valid}
          aria-describedby={valid ? undefined : 'date-range-error'}
          onChange={(e) => change({ ...draft, first: e.target.value })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={draft.last}
          min={draft.first}
          aria-invalid={!valid}
          aria-describedby={valid ? undefined : 'date-range-error'}
          onChange={(e) => change({ ...draft, last: e.target.value })}
        />
      </label>
      {!valid && (
        <span id="date-range-error" className="date-range-error" role="alert">
          Pick a from date on or before the to date, at most {MAX_DAYS} days apart.
        </span>
      )}
    </>
  );
}
