import type { Aggregation } from '@bindery/contracts';
import { formatDuration, formatInt, formatPercent } from '../../format';
import { type StepRowData, subjectNoun } from './funnel-result';

export const DROPOFF_LIST_ID = 'funnel-dropoffs';

/** The funnel's numbers per step, readable on a phone and by a screen reader; drop-offs open their list. */
export function FunnelTable({
  rows,
  aggregateBy,
  selected,
  onDropoff,
}: {
  rows: StepRowData[];
  aggregateBy: Aggregation;
  selected: number | null;
  onDropoff: (step: number) => void;
}) {
  const noun = subjectNoun(aggregateBy);
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Funnel steps</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="num">
              {noun[0]!.toUpperCase() + noun.slice(1)}
            </th>
            <th scope="col" className="num">
              From first
            </th>
            <th scope="col" className="num">
              From previous
            </th>
            <th scope="col" className="num">
              Dropped off
            </th>
            <th scope="col" className="num">
              Median time from previous
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.step} className={selected === r.step ? 'selected' : undefined}>
              <th scope="row">
                {r.step}. {r.event}
              </th>
              <td className="num">{formatInt(r.count)}</td>
              <td className="num">{formatPercent(r.conversionFromFirst)}</td>
              <td className="num">{r.step === 1 ? '—' : formatPercent(r.conversionFromPrevious)}</td>
              <td className="num">
                {r.last || r.dropOff === 0 ? (
                  <span className="muted">{r.last ? 'completed' : '0'}</span>
                ) : (
                  <button
                    type="button"
                    className="link"
                    aria-label={`Who stopped at step ${r.step}: ${formatInt(r.dropOff)} ${subjectNoun(aggregateBy, r.dropOff)}`}
                    aria-expanded={selected === r.step}
                    aria-controls={selected === r.step ? DROPOFF_LIST_ID : undefined}
                    onClick={() => onDropoff(r.step)}
                  >
                    {formatInt(r.dropOff)} ({formatPercent(r.dropOffShare)})
                  </button>
                )}
              </td>
              <td className="num">{r.step === 1 ? '—' : formatDuration(r.medianSecondsToConvert)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
