import { memo } from 'react';
import { formatDateTime, formatRelative } from '../format';

/**
 * "3 hours ago", with the exact UTC time on hover and for machines. Memoised: formatting dates is the
 * costliest part of a row, and a re-sorted table of thousands of accounts should not redo it.
 */
export const RelativeTime = memo(function RelativeTime({
  iso,
  empty = 'never',
}: {
  iso: string | null | undefined;
  empty?: string;
}) {
  if (!iso) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
});
