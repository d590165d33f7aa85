import type { SurveyList, SurveyResults } from '@bindery/contracts';
import { Link } from 'react-router';
import { useProjectGet, useProjectReport } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { RangeSelect, useRange } from '../components/RangeSelect';
import { useUrlState } from '../components/url-state';
import { formatInt } from '../format';
import { BreakdownTable, scoreLabel } from './surveys/ResultTables';
import './surveys/surveys.css';

/**
 * A survey's results: its score (NPS, or CSAT's share satisfied), promoters, passives and detractors, by week,
 * by plan and by ABC class, and the comments with the person and account who wrote them.
 */
export function Surveys() {
  const { params, patch } = useUrlState();
  const { days, setDays, from, to } = useRange(90);
  const surveys = useProjectGet<SurveyList>('surveys');
  const list = surveys.data?.surveys ?? [];
  const chosen =
    list.find((s) => s.id === params.get('survey')) ?? list.find((s) => s.kind === 'nps') ?? list[0];
  const results = useProjectReport<SurveyResults>(
    `surveys/${chosen?.id ?? ''}/results/query`,
    { from, to, interval: 'week', commentsLimit: 200 },
    { enabled: chosen !== undefined },
  );
  return (
    <>
      <PageHeader title="Surveys" />
      <div className="stack">
        <DataState
          query={surveys}
          label="surveys"
          isEmpty={(d) => d.surveys.length === 0}
          empty="No survey yet: define one with POST /v1/projects/:projectId/surveys (docs/surveys.md)."
        >
          {() => (
            <div className="form-row">
              <label>
                Survey
                <select value={chosen?.id ?? ''} onChange={(e) => patch({ survey: e.target.value })}>
                  {list.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} ({s.kind.toUpperCase()})
                    </option>
                  ))}
                </select>
              </label>
              <RangeSelect days={days} onChange={setDays} />
            </div>
          )}
        </DataState>
        {chosen && (
          <DataState query={results} label="survey results">
            {(r) => (
              <div className="stack">
                <p>{chosen.question}</p>
                <div className="tiles">
                  {(
                    [
                      [scoreLabel(r.kind), r.summary.score === null ? '–' : r.summary.score.toFixed(1)],
                      ['Answers', formatInt(r.summary.responses)],
                      ['Promoters', formatInt(r.summary.promoters)],
                      ['Passives', formatInt(r.summary.passives)],
                      ['Detractors', formatInt(r.summary.detractors)],
                    ] as const
                  ).map(([label, value]) => (
                    <div className="tile" key={label}>
                      <div className="value">{value}</div>
                      <div className="label">{label}</div>
                    </div>
                  ))}
                </div>
                <BreakdownTable
                  caption="By week"
                  groupLabel="Week of"
                  kind={r.kind}
                  rows={r.overTime}
                  groupOf={(x) => x.period}
                />
                <BreakdownTable
                  caption="By plan"
                  groupLabel="Plan"
                  kind={r.kind}
                  rows={r.byPlan}
                  groupOf={(x) => x.plan ?? 'No plan'}
                />
                <BreakdownTable
                  caption="By ABC class"
                  groupLabel="Class"
                  kind={r.kind}
                  rows={r.byAbc}
                  groupOf={(x) => x.abc ?? 'No class'}
                />
                <section className="card" aria-labelledby="survey-comments">
                  <h2 id="survey-comments">Comments</h2>
                  {r.comments.length === 0 ? (
                    <p>No comments in this range.</p>
                  ) : (
                    <ul className="survey-comments">
                      {r.comments.map((c) => (
                        <li key={`${c.at}-${c.userId}`}>
                          <blockquote>{c.comment}</blockquote>
                          <span>
                            {c.score !== null && `${c.score} · `}
                            <Link to={`/people/${encodeURIComponent(c.userId)}`}>{c.userId}</Link>
                            {c.accountId && (
                              <>
                                {' · '}
                                <Link to={`/accounts/${encodeURIComponent(c.accountId)}`}>{c.accountId}</Link>
                              </>
                            )}
                            {' · '}
                            {c.at.slice(0, 10)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              </div>
            )}
          </DataState>
        )}
      </div>
    </>
  );
}
