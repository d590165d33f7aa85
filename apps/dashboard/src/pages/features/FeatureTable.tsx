import type { Aggregation, FeatureResult } from '@bindery/contracts';
import { ChangeNote } from '../../components/date-range/Compared';
import { type Column, SortableTable } from '../../components/SortableTable';
import { Sparkline } from '../../components/Sparkline';
import { formatDate, formatInt, formatPercent } from '../../format';
import type { FeatureRow } from './feature-rows';

function ShareBar({ share }: { share: number }) {
  return (
    <span className="share-bar" aria-hidden="true">
      <span style={{ width: `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%` }} />
    </span>
  );
}

/**
 * The columns of the adoption table; the subjects are people or accounts. With the `previous` period's report,
 * each feature's subjects then and the change.
 */
export function featureColumns(aggregateBy: Aggregation, previous?: FeatureResult): Column<FeatureRow>[] {
  const before = previous && new Map(previous.features.map((f) => [f.feature, f.subjects]));
  return [
    {
      key: 'feature',
      header: 'Feature',
      render: (r) =>
        r.name === r.feature ? (
          r.name
        ) : (
          <>
            {r.name} <span className="muted">({r.feature})</span>
          </>
        ),
      sortValue: (r) => r.name.toLowerCase(),
    },
    {
      key: 'subjects',
      header: aggregateBy === 'account' ? 'Accounts' : 'People',
      render: (r) => formatInt(r.subjects),
      sortValue: (r) => r.subjects,
      align: 'right',
    },
    ...(before
      ? [
          {
            key: 'previous',
            header: 'Previous period',
            render: (r: FeatureRow) => (
              <ChangeNote now={r.subjects} before={before.get(r.feature) ?? 0} format={formatInt} />
            ),
            sortValue: (r: FeatureRow) => before.get(r.feature) ?? 0,
            align: 'right' as const,
          },
        ]
      : []),
    {
      key: 'share',
      header: 'Share of active',
      render: (r) => (
        <>
          <ShareBar share={r.shareOfActive} />
          {formatPercent(r.shareOfActive)}
        </>
      ),
      sortValue: (r) => r.shareOfActive,
      align: 'right',
    },
    {
      key: 'first',
      header: 'First used ever',
      render: (r) => formatDate(r.firstUsedAt),
      sortValue: (r) => r.firstUsedAt,
    },
    {
      key: 'repeat',
      header: 'Repeat use',
      render: (r) => formatPercent(r.repeatRate),
      sortValue: (r) => r.repeatRate,
      align: 'right',
    },
    {
      key: 'abandoned',
      header: 'Abandoned',
      render: (r) => formatInt(r.abandoned),
      sortValue: (r) => r.abandoned,
      align: 'right',
    },
    {
      key: 'abandonedShare',
      header: 'Abandon rate',
      render: (r) => (
        <span className={r.abandonedShare >= 0.25 ? 'badge danger' : undefined}>
          {formatPercent(r.abandonedShare)}
        </span>
      ),
      sortValue: (r) => r.abandonedShare,
      align: 'right',
    },
    {
      key: 'weekly',
      header: 'Weekly trend',
      render: (r) =>
        r.weekly && r.weekly.length > 1 ? (
          <Sparkline
            values={r.weekly}
            label={`${r.name}, ${aggregateBy === 'account' ? 'accounts' : 'people'} per week`}
          />
        ) : (
          '—'
        ),
    },
  ];
}

/**
 * Feature adoption: who used each feature, how widely, how often again, and who gave it up; against the
 * previous period when given.
 */
export function FeatureTable({
  rows,
  aggregateBy,
  previous,
}: {
  rows: FeatureRow[];
  aggregateBy: Aggregation;
  previous?: FeatureResult;
}) {
  return (
    <SortableTable
      rows={rows}
      columns={featureColumns(aggregateBy, previous)}
      rowKey={(r) => r.feature}
      initialSort={{ key: 'subjects', direction: 'desc' }}
      caption="Feature adoption"
    />
  );
}
