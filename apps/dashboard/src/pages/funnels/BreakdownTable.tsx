import type { FunnelResult } from '@bindery/contracts';
import { formatInt, formatPercent } from '../../format';

/** The funnel once per value of the breakdown property: a row per value, a column per step. */
export function BreakdownTable({
  property,
  breakdowns,
}: {
  property: string;
  breakdowns: NonNullable<FunnelResult['breakdowns']>;
}) {
  const steps = breakdowns[0]?.steps ?? [];
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Funnel by {property}</caption>
        <thead>
          <tr>
            <th scope="col">{property}</th>
            {steps.map((s, i) => (
              <th scope="col" className="num" key={i}>
                {i + 1}. {s.event}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {breakdowns.map((b) => (
            <tr key={b.value ?? '\u0000none'}>
              <th scope="row">{b.value ?? <span className="muted">(not set)</span>}</th>
              {b.steps.map((s, i) => (
                <td className="num" key={i}>
                  {formatInt(s.count)}
                  {i > 0 && <span className="muted"> · {formatPercent(s.conversionFromFirst)}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
