import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { formatInt } from '../format';
import { DataState } from './DataState';

/**
 * A cursor-paged list (`useProjectPages`) with DataState's loading, error and empty states, then its items
 * and the "Load more" foot. `noun` names one item ("task"); `plural` defaults to it with an s.
 */
export function PagedList<T>({
  pages,
  noun,
  plural = `${noun}s`,
  total,
  minHeight,
  empty,
  children,
}: {
  pages: UseInfiniteQueryResult<InfiniteData<unknown>, ApiError> & { items: T[] };
  noun: string;
  plural?: string;
  /** How many there are in all, when the API says: "Showing 25 of 130". */
  total?: number;
  minHeight: number;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const list = (
    <>
      {children(pages.items)}
      <LoadMore
        shown={pages.items.length}
        total={total}
        noun={noun}
        plural={plural}
        hasMore={pages.hasNextPage}
        loading={pages.isFetchingNextPage}
        error={pages.isFetchNextPageError ? pages.error : null}
        onLoad={() => void pages.fetchNextPage()}
      />
    </>
  );
  // A later page that failed keeps the rows already shown: the foot says why and loads it again.
  if (pages.isFetchNextPageError) return <div className="state-data">{list}</div>;
  return (
    <DataState
      query={pages}
      minHeight={minHeight}
      label={plural}
      isEmpty={() => pages.items.length === 0}
      empty={empty}
    >
      {() => list}
    </DataState>
  );
}

/** The foot of a paged list: how many rows are shown, why the next page failed, and the button for it. */
export function LoadMore({
  shown,
  total,
  noun,
  plural = `${noun}s`,
  hasMore,
  loading,
  error = null,
  onLoad,
}: {
  shown: number;
  total?: number;
  noun: string;
  plural?: string;
  hasMore: boolean;
  loading: boolean;
  error?: Error | null;
  onLoad: () => void;
}) {
  const count =
    total === undefined
      ? `${hasMore || shown === 1 ? '' : 'All '}${formatInt(shown)} ${shown === 1 ? noun : plural} shown`
      : `Showing ${formatInt(shown)} of ${formatInt(total)}`;
  return (
    <div className="load-more">
      <span className="muted" role="status">
        {count}
      </span>
      {error && (
        <span className="error" role="alert">
          Could not load more: {error.message}
        </span>
      )}
      {hasMore && (
        <button type="button" onClick={onLoad} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
