import { useDeferredValue, useMemo } from 'react';
import { useAtRiskBelow } from '../components/at-risk-line';
import { CsvDownload } from '../components/CsvDownload';
import { DataState, ErrorState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { useUrlState } from '../components/url-state';
import { formatInt } from '../format';
import { AccountFilters } from './accounts/AccountFilters';
import {
  type AccountFilter,
  countByAccount,
  csmsOf,
  filterFromParams,
  filterToParams,
  matchesFilter,
  toAccountRow,
} from './accounts/account-rows';
import { AccountsTable } from './accounts/AccountsTable';
import { MAX_ROWS, useAllAccounts, useOpenTasks } from './accounts/data';
import './accounts.css';

/** Every account with its health, class, revenue, CSM, trend and open tasks; sortable and filterable. */
export function Accounts() {
  const accounts = useAllAccounts();
  const tasks = useOpenTasks();
  const { params, patch } = useUrlState();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const setFilter = (next: AccountFilter) =>
    patch({ q: null, abc: null, csm: null, risk: null, ...Object.fromEntries(filterToParams(next)) });

  const rows = useMemo(() => {
    const counts = tasks.data ? countByAccount(tasks.data.items) : null;
    return (accounts.data?.items ?? []).map((a) => toAccountRow(a, counts));
  }, [accounts.data, tasks.data]);
  const csms = useMemo(() => csmsOf(rows), [rows]);
  // Typing stays quick with thousands of rows: the table follows the filter a moment later.
  const applied = useDeferredValue(filter);
  const atRiskBelow = useAtRiskBelow();
  const shown = useMemo(
    () => rows.filter((r) => matchesFilter(r, applied, atRiskBelow)),
    [rows, applied, atRiskBelow],
  );

  return (
    <>
      <PageHeader title="Accounts">
        <CsvDownload report="accounts" label="Download all as CSV" />
      </PageHeader>
      <div className="stack">
        <AccountFilters filter={filter} csms={csms} onChange={setFilter} />
        {tasks.isError && <ErrorState error={tasks.error} retry={() => void tasks.refetch()} />}
        <DataState
          query={accounts}
          label="accounts"
          minHeight={420}
          isEmpty={(d) => d.items.length === 0}
          empty="No accounts yet. Accounts appear when events carry a groupId or a group call names them."
        >
          {(data) => (
            <div className="stack">
              <p className="muted account-count" aria-live="polite">
                Showing {formatInt(shown.length)} of {formatInt(rows.length)} accounts
                {!data.complete && ` (the first ${formatInt(MAX_ROWS)} loaded)`}
              </p>
              {shown.length === 0 ? (
                <div className="state state-empty">No account matches these filters.</div>
              ) : (
                <AccountsTable rows={shown} />
              )}
            </div>
          )}
        </DataState>
      </div>
    </>
  );
}
