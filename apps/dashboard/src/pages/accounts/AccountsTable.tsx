import { memo } from 'react';
import { Link } from 'react-router';
import { AbcBadge, HealthBadge } from '../../components/HealthBadge';
import { type Column, SortableTable, type SortState } from '../../components/SortableTable';
import { Sparkline } from '../../components/Sparkline';
import { useUrlState } from '../../components/url-state';
import { formatInt, formatMoney } from '../../format';
import { type AccountRow, accountPath } from './account-rows';
import { InView } from './InView';
import { RelativeTime } from '../../components/RelativeTime';
import { TrendChange } from './TrendChange';

const SPARK = { width: 72, height: 26 };

const COLUMNS: Column<AccountRow>[] = [
  {
    key: 'name',
    header: 'Name',
    sortValue: (r) => r.name.toLowerCase(),
    render: (r) => (
      <span className="account-name">
        <Link to={accountPath(r.id)}>{r.name}</Link>
        {r.name !== r.id && <span className="muted">{r.id}</span>}
      </span>
    ),
  },
  {
    key: 'health',
    header: 'Health',
    sortValue: (r) => r.score,
    render: (r) => <HealthBadge score={r.score} />,
  },
  { key: 'abc', header: 'ABC', sortValue: (r) => r.abc, render: (r) => <AbcBadge abc={r.abc} /> },
  { key: 'mrr', header: 'MRR', align: 'right', sortValue: (r) => r.mrr, render: (r) => formatMoney(r.mrr) },
  {
    key: 'csm',
    header: 'CSM',
    sortValue: (r) => r.csm,
    render: (r) =>
      r.csm ? (
        <span className="account-csm" title={r.csm}>
          {r.csm}
        </span>
      ) : (
        <span className="muted">—</span>
      ),
  },
  {
    key: 'trend',
    header: 'Trend, 8 weeks',
    sortValue: (r) => r.trend,
    render: (r) => <TrendCell weekly={r.weeklyEvents} change={r.trend} name={r.name} />,
  },
  {
    key: 'active7',
    header: 'Active 7d',
    align: 'right',
    sortValue: (r) => r.activeUsers7d,
    render: (r) => formatInt(r.activeUsers7d),
  },
  {
    key: 'active30',
    header: 'Active 30d',
    align: 'right',
    sortValue: (r) => r.activeUsers30d,
    render: (r) => formatInt(r.activeUsers30d),
  },
  {
    key: 'lastSeen',
    header: 'Last seen',
    sortValue: (r) => (r.lastSeenAt ? Date.parse(r.lastSeenAt) : null),
    render: (r) => <RelativeTime iso={r.lastSeenAt} />,
  },
  {
    key: 'openTasks',
    header: 'Open tasks',
    align: 'right',
    sortValue: (r) => r.openTasks,
    render: (r) => formatInt(r.openTasks),
  },
];

/**
 * The 8-week sparkline and the change. Memoised: a chart measures its path while rendering, which forces a
 * layout of the whole table, so a re-sort must not redraw the sparklines already drawn.
 */
const TrendCell = memo(function TrendCell({
  weekly,
  change,
  name,
}: {
  weekly: number[];
  change: number | null;
  name: string;
}) {
  return (
    <span className="account-trend">
      <InView {...SPARK}>
        <Sparkline values={weekly} {...SPARK} label={`Weekly events of ${name}`} />
      </InView>
      <TrendChange change={change} />
    </span>
  );
});

/** The order of the accounts when the URL names none. */
export const DEFAULT_ACCOUNT_SORT: SortState = { key: 'name', direction: 'asc' };

/** `?sort=` of the accounts page: a column's key, `-` first for descending; unknown keys fall back. */
export function sortFromParam(raw: string | null): SortState {
  const key = raw?.replace(/^-/, '') ?? '';
  if (!COLUMNS.some((c) => c.key === key && c.sortValue)) return DEFAULT_ACCOUNT_SORT;
  return { key, direction: raw!.startsWith('-') ? 'desc' : 'asc' };
}

/** The inverse of sortFromParam; null for the default order, so that a plain /accounts stays plain. */
export function sortToParam(sort: SortState): string | null {
  if (sort.key === DEFAULT_ACCOUNT_SORT.key && sort.direction === DEFAULT_ACCOUNT_SORT.direction) return null;
  return `${sort.direction === 'desc' ? '-' : ''}${sort.key}`;
}

/**
 * The accounts, one row each, sortable by every column but the sparkline's picture; the order in the URL. The
 * rows come sorted by the server in the same order (docs/analytics.md, Accounts), pages appended as loaded.
 */
export function AccountsTable({ rows }: { rows: AccountRow[] }) {
  const { params, patch } = useUrlState();
  return (
    <div className="accounts-table">
      <SortableTable
        rows={rows}
        columns={COLUMNS}
        rowKey={(r) => r.id}
        sort={sortFromParam(params.get('sort'))}
        onSort={(next) => patch({ sort: sortToParam(next) })}
        caption="Accounts"
      />
    </div>
  );
}
