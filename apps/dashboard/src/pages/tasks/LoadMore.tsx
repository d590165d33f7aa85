import { formatInt } from '../../format';

/**
 * The foot of a cursor-paged list: how many rows are shown, and a button for the next page while there is one.
 * `noun` is singular; its plural takes an s.
 */
export function LoadMore({
  shown,
  noun,
  hasMore,
  loading,
  onLoad,
}: {
  shown: number;
  noun: string;
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
}) {
  return (
    <div className="load-more">
      <span className="muted" role="status">
        {`${hasMore || shown === 1 ? '' : 'All '}${formatInt(shown)} ${noun}${shown === 1 ? '' : 's'} shown`}
      </span>
      {hasMore && (
        <button type="button" onClick={onLoad} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
