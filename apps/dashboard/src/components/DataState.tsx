import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../api/client';

interface Props<T> {
  query: UseQueryResult<T, ApiError>;
  children: (data: T) => ReactNode;
  /** Whether the answer has nothing to show; then `empty` is shown instead. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** Height kept while loading, so the page does not jump when the data arrives. */
  minHeight?: number;
  label?: string;
}

/** One way for every page to show loading, error, empty and data: the same places, the same words. */
export function DataState<T>({ query, children, isEmpty, empty, minHeight = 160, label }: Props<T>) {
  if (query.isPending) {
    return (
      <div className="state state-loading" style={{ minHeight }} aria-busy="true" role="status">
        <span className="visually-hidden">Loading {label ?? ''}…</span>
        <div className="skeleton" style={{ height: minHeight }} />
      </div>
    );
  }
  if (query.isError) {
    return <ErrorState error={query.error} retry={() => void query.refetch()} minHeight={minHeight} />;
  }
  if (isEmpty?.(query.data)) {
    return (
      <div className="state state-empty" style={{ minHeight }}>
        {empty ?? 'Nothing here yet.'}
      </div>
    );
  }
  return (
    <div className={query.isFetching ? 'state-data refreshing' : 'state-data'} aria-busy={query.isFetching}>
      {children(query.data)}
    </div>
  );
}

export function ErrorState({
  error,
  retry,
  minHeight,
}: {
  error: ApiError | Error;
  retry?: () => void;
  minHeight?: number;
}) {
  return (
    <div className="state state-error" role="alert" style={{ minHeight }}>
      <p>
        <strong>Could not load this.</strong> {error.message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
}
