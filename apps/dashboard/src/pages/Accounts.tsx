import { useEffect, useMemo, useState } from 'react';
import { CsvDownload } from '../components/CsvDownload';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { LoadMore } from '../components/PagedList';
import { useUrlState } from '../components/url-state';
import { formatInt } from '../format';
import { AccountFilters } from './accounts/AccountFilters';
import {
  type AccountFilter,
  filterFromParams,
  filterToParams,
  filterToQuery,
  toAccountRow,
} from './accounts/account-rows';
import { AccountsTable, sortFromParam } from './accounts/AccountsTable';
import { useAccountOverview, useAccountPages } from './accounts/data';
import './accounts.css';

/** How long the search text rests before the server is asked: one request a pause, not one a keystroke. */
const TYPING_MS = 250;

/** The value, once it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Every account with its health, class, revenue, CSM, trend and open tasks. The server sorts, filters and
 * pages (the sort and filters live in the URL), so the page stays quick with any number of accounts.
 */
export function Accounts() {
  const { params, patch } = useUrlState();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const setFilter = (next: AccountFilter) =>
    patch({ q: null, abc: null, csm: null, risk: null, ...Object.fromEntries(filterToParams(next)) });
  const text = useSettled(filter.text, TYPING_MS);
  const sort = sortFromParam(params.get('sort'));
  const pages = useAccountPages({
    ...filterToQuery({ ...filter, text }),
    sort: `${sort.direction === 'desc' ? '-' : ''}${sort.key}`,
  });
  const overview = useAccountOverview();
  const rows = useMemo(() => pages.items.map(toAccountRow), [pages.items]);
  const first = pages.data?.pages[0];

  const list = (
    <div className="stack">
      <p className="muted account-count" aria-live="polite">
        Showing {formatInt(first?.matched ?? 0)} of {formatInt(first?.total ?? 0)} accounts
      </p>
      {rows.length === 0 ? (
        <div className="state state-empty">No account matches these filters.</div>
      ) : (
        <>
          <AccountsTable rows={rows} />
          {(pages.hasNextPage || pages.isFetchNextPageError) && (
            <LoadMore
              shown={rows.length}
              total={first?.matched}
              noun="account"
              hasMore={pages.hasNextPage}
              loading={pages.isFetchingNextPage}
              error={pages.isFetchNextPageError ? pages.error : null}
              onLoad={() => void pages.fetchNextPage()}
            />
          )}
        </>
      )}
    </div>
  );

  return (
    <>
      <PageHeader title="Accounts">
        <CsvDownload report="accounts" label="Download all as CSV" />
      </PageHeader>
      <div className="stack">
        <AccountFilters
          filter={filter}
          csms={overview.data?.csms.map((c) => c.email) ?? []}
          onChange={setFilter}
        />
        {/* A later page that failed keeps the rows already shown: the foot says why and loads it again. */}
        {pages.isFetchNextPageError ? (
          list
        ) : (
          <DataState
            query={pages}
            label="accounts"
            minHeight={420}
            isEmpty={() => first?.total === 0}
            empty="No accounts yet. Accounts appear when events carry a groupId or a group call names them."
          >
            {() => list}
          </DataState>
        )}
      </div>
    </>
  );
}
