import type { Aggregation } from '@bindery/contracts';

/** What a report counts, people or accounts, as a labelled select. */
export function AggregationSelect({
  value,
  onChange,
}: {
  value: Aggregation;
  onChange: (value: Aggregation) => void;
}) {
  return (
    <label>
      Count
      <select value={value} onChange={(e) => onChange(e.target.value as Aggregation)}>
        <option value="user">People</option>
        <option value="account">Accounts</option>
      </select>
    </label>
  );
}
