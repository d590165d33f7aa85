import type { FunnelResult } from '@bindery/contracts';
import { ComparedTile } from '../../components/date-range/Compared';
import { formatInt, formatPercent } from '../../format';

/** The funnel's entries, completions and conversion in the range, against the previous period's when comparing. */
export function FunnelComparison({ data, previous }: { data: FunnelResult; previous?: FunnelResult }) {
  const figures = (r: FunnelResult) => {
    const entered = r.steps[0]?.count ?? 0;
    const completed = r.steps.at(-1)?.count ?? 0;
    return { entered, completed, conversion: entered === 0 ? 0 : completed / entered };
  };
  const now = figures(data);
  const before = previous ? figures(previous) : undefined;
  return (
    <div className="tiles" role="group" aria-label="Funnel figures">
      <ComparedTile
        label="Entered the funnel"
        now={now.entered}
        before={before?.entered}
        format={formatInt}
      />
      <ComparedTile label="Completed it" now={now.completed} before={before?.completed} format={formatInt} />
      <ComparedTile
        label="Conversion"
        now={now.conversion}
        before={before?.conversion}
        format={formatPercent}
        share
      />
    </div>
  );
}
