import { useAtRiskBelow } from '../../components/at-risk-line';
import { type AccountFilter, NO_FILTER, NONE } from './account-rows';

/** The accounts table's filters: text, ABC class, CSM and "at risk"; every change is applied at once. */
export function AccountFilters({
  filter,
  csms,
  onChange,
}: {
  filter: AccountFilter;
  csms: string[];
  onChange: (filter: AccountFilter) => void;
}) {
  const atRiskBelow = useAtRiskBelow();
  const set = (change: Partial<AccountFilter>) => onChange({ ...filter, ...change });
  const filtered = filter.text !== '' || filter.abc !== '' || filter.csm !== '' || filter.atRisk;
  // A CSM from the address who owns no account stays selectable, so the select shows what is applied.
  const options =
    filter.csm && filter.csm !== NONE && !csms.includes(filter.csm) ? [...csms, filter.csm] : csms;
  return (
    <form className="form-row account-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label className="account-search">
        Search
        <input
          type="search"
          value={filter.text}
          placeholder="Name, id or CSM"
          onChange={(e) => set({ text: e.target.value })}
        />
      </label>
      <label>
        ABC class
        <select value={filter.abc} onChange={(e) => set({ abc: e.target.value as AccountFilter['abc'] })}>
          <option value="">All classes</option>
          <option value="A">A</option>
          <option value="B">B</option>
          <option value="C">C</option>
          <option value={NONE}>No class</option>
        </select>
      </label>
      <label>
        CSM
        <select value={filter.csm} onChange={(e) => set({ csm: e.target.value })}>
          <option value="">All CSMs</option>
          {options.map((csm) => (
            <option key={csm} value={csm}>
              {csm}
            </option>
          ))}
          <option value={NONE}>No CSM</option>
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={filter.atRisk} onChange={(e) => set({ atRisk: e.target.checked })} />
        At risk (health below {atRiskBelow})
      </label>
      <button type="button" disabled={!filtered} onClick={() => onChange(NO_FILTER)}>
        Clear filters
      </button>
    </form>
  );
}
