import type { Aggregation, RetentionResult } from '@bindery/contracts';
import { formatDate, formatInt, formatPercent } from '../../format';
import { averageRow, cellShade, cohortRows, type GridCell } from './retention-grid';

function Cell({ cell, period }: { cell: GridCell | null; period: RetentionResult['period'] }) {
  if (cell === null) {
    return (
      <td className="cell">
        <span className="visually-hidden">not reached yet</span>
      </td>
    );
  }
  if (cell.share === null) {
    return (
      <td className="cell muted" title="Nobody in this cohort">
        —
      </td>
    );
  }
  const detail = cell.inProgress
    ? `${formatInt(cell.count)} of ${formatInt(cell.size)} so far: this ${period} is still in progress`
    : `${formatInt(cell.count)} of ${formatInt(cell.size)}`;
  return (
    <td
      className={cell.inProgress ? 'cell in-progress' : 'cell'}
      style={cellShade(cell.share)}
      title={detail}
    >
      {formatPercent(cell.share)}
      <span className="visually-hidden"> ({detail})</span>
    </td>
  );
}

/** Period 0 of a cohort: the cohort itself, all of it (100 %), or nobody. */
const periodZero = (size: number): GridCell => ({
  count: size,
  size,
  share: size > 0 ? 1 : null,
  inProgress: false,
});

/**
 * The cohort grid: a row per cohort, a column per period from the cohort's own (period 0, 100 %) on, each cell
 * shaded by its share; the period in progress at the range's end is outlined (its count can still grow).
 */
export function CohortGrid({ result, aggregateBy }: { result: RetentionResult; aggregateBy: Aggregation }) {
  const rows = cohortRows(result);
  const average = averageRow(result);
  const total = rows.reduce((sum, r) => sum + r.size, 0);
  const unit = result.period === 'week' ? 'Week' : 'Day';
  const noun = aggregateBy === 'account' ? 'Accounts' : 'People';
  return (
    // Wider than the page beside the curve: scrolled with the keyboard too.
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Retention by cohort">
      <table className="cohort-grid">
        <caption className="visually-hidden">
          Retention by {result.period} cohort: the share of each cohort that came back in each later{' '}
          {result.period}
        </caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col" className="num">
              {noun}
            </th>
            <th scope="col" className="num">
              {unit} 0
            </th>
            {average.map((_, i) => (
              <th scope="col" className="num" key={i}>
                {unit} {i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="average">
            <th scope="row">All cohorts</th>
            <td className="num">{formatInt(total)}</td>
            <Cell cell={periodZero(total)} period={result.period} />
            {average.map((cell, i) => (
              <Cell key={i} cell={cell} period={result.period} />
            ))}
          </tr>
          {rows.map((row) => (
            <tr key={row.start}>
              <th scope="row">
                {result.period === 'week' ? 'Week of ' : ''}
                {formatDate(row.start)}
              </th>
              <td className="num">{formatInt(row.size)}</td>
              <Cell cell={periodZero(row.size)} period={result.period} />
              {row.cells.map((cell, i) => (
                <Cell key={i} cell={cell} period={result.period} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The shading's key, from 0% to 100%. */
export function ShadeLegend() {
  return (
    <div className="shade-legend muted" aria-hidden="true">
      0%
      <span className="shade-scale">
        {[0, 0.25, 0.5, 0.75, 1].map((s) => (
          <span key={s} style={{ background: cellShade(s).background }} />
        ))}
      </span>
      100%
    </div>
  );
}
