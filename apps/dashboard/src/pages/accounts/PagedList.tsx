import type { ReactNode } from 'react';
import type { ApiError } from '../../api/client';
import { ErrorState } from '../../components/DataState';

/** What `useProjectPages` gives that the list needs. */
interface Pages<T> {
  items: T[];
  isPending: boolean;
  isError: boolean;
  error: ApiError | null;
  isFetchNextPageError: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => Promise<unknown>;
  fetchNextPage: () => Promise<unknown>;
}

/** A cursor-paged list as a table: a skeleton while loading, the error with Retry, empty, "Show more". */
export function PagedList<T>({
  pages,
  label,
  empty,
  headers,
  row,
}: {
  pages: Pages<T>;
  label: string;
  empty: string;
  headers: string[];
  row: (item: T) => ReactNode;
}) {
  if (pages.isPending) {
    return (
      <div className="state state-loading" style={{ minHeight: 120 }} aria-busy="true" role="status">
        <span className="visually-hidden">Loading {label}…</span>
        <div className="skeleton" style={{ height: 120 }} />
      </div>
    );
  }
  if (pages.isError && !pages.isFetchNextPageError) {
    return <ErrorState error={pages.error!} retry={() => void pages.refetch()} minHeight={120} />;
  }
  if (pages.items.length === 0) return <div className="state state-empty">{empty}</div>;
  return (
    <div className="stack">
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{pages.items.map(row)}</tbody>
        </table>
      </div>
      {pages.isFetchNextPageError && (
        <ErrorState error={pages.error!} retry={() => void pages.fetchNextPage()} />
      )}
      {pages.hasNextPage && (
        <button
          type="button"
          className="show-more"
          disabled={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          {pages.isFetchingNextPage ? 'Loading…' : `Show more ${label}`}
        </button>
      )}
    </div>
  );
}
