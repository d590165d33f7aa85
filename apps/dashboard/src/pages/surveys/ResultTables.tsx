import type { SurveyBreakdown, SurveyKind } from '@bindery/contracts';
import { formatInt } from '../../format';

/** The score of a survey kind in words: NPS, or CSAT as the share satisfied. */
export const scoreLabel = (kind: SurveyKind) => (kind === 'csat' ? 'Satisfied %' : 'NPS');

const score = (b: SurveyBreakdown) => (b.score === null ? '–' : b.score.toFixed(1));

/** One breakdown table (over time, by plan, by ABC class): a row per group, with its counts and score. */
export function BreakdownTable<R extends SurveyBreakdown>({
  caption,
  groupLabel,
  kind,
  rows,
  groupOf,
}: {
  caption: string;
  groupLabel: string;
  kind: SurveyKind;
  rows: R[];
  groupOf: (row: R) => string;
}) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            <th scope="col">Answers</th>
            <th scope="col">Promoters</th>
            <th scope="col">Passives</th>
            <th scope="col">Detractors</th>
            <th scope="col">{scoreLabel(kind)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={groupOf(r)}>
              <th scope="row">{groupOf(r)}</th>
              <td>{formatInt(r.responses)}</td>
              <td>{formatInt(r.promoters)}</td>
              <td>{formatInt(r.passives)}</td>
              <td>{formatInt(r.detractors)}</td>
              <td>{score(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
