import { formatPercent } from '../../format';

/** A week-on-weeks change as "+12%" or "−40%"; a fall of a fifth or more shows in red. */
export function TrendChange({ change }: { change: number | null }) {
  if (change === null) return <span className="muted trend-change">—</span>;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  return (
    <span
      className={change <= -0.2 ? 'trend-change error' : 'trend-change muted'}
      title="Last week against the average of the three weeks before"
    >
      {sign}
      {formatPercent(Math.abs(change))}
    </span>
  );
}
