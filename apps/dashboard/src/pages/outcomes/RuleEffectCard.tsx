import type { Rule, RuleEffect } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { formatDateTime, formatInt, formatPercent } from '../../format';
import { formatInterval, formatPoints, soFarRate, verdict } from './effect-format';
import { EffectOverTime } from './EffectOverTime';
import { IntervalBar } from './IntervalBar';

/** How a rule's goal reads: "Report Exported within 14 days", the special events in words. */
export function goalText(goal: Rule['goal']): string {
  const event =
    goal.event === '$any'
      ? 'any action'
      : goal.event === '$feature'
        ? 'using the feature again'
        : goal.event === '$next_step'
          ? 'the next funnel step'
          : `“${goal.event}”`;
  return `${event} within ${goal.goalDays} day${goal.goalDays === 1 ? '' : 's'}`;
}

/** One rule's effect for one version: the two arms, the lift and its interval, and whether it is final. */
export function EffectView({ rule, effect }: { rule: Pick<Rule, 'name'>; effect: RuleEffect }) {
  const arms = [
    { label: 'Treated', arm: effect.treated },
    { label: 'Held out', arm: effect.heldOut },
  ];
  const said = verdict(effect);
  const pending = effect.treated.pending + effect.heldOut.pending;
  return (
    <div className="stack">
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{`${rule.name}: treated against held out`}</caption>
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col" className="num">
                Subjects
              </th>
              <th scope="col" className="num">
                Reached goal
              </th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col" className="num">
                Window open
              </th>
              <th scope="col" className="num">
                Reached so far
              </th>
            </tr>
          </thead>
          <tbody>
            {arms.map(({ label, arm }) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{formatInt(arm.subjects)}</td>
                <td className="num">{formatInt(arm.reached)}</td>
                <td className="num">{formatPercent(arm.rate)}</td>
                <td className="num">{formatInt(arm.pending)}</td>
                <td className="num">
                  {arm.pending === 0
                    ? '—'
                    : `${formatInt(arm.pendingReached)} (${formatPercent(soFarRate(arm))})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="effect-summary">
        <div>
          <dt>Lift</dt>
          <dd>{formatPoints(effect.lift)}</dd>
        </div>
        <div>
          <dt>95 % interval</dt>
          <dd>
            {formatInterval(effect.interval)} <IntervalBar lift={effect.lift} interval={effect.interval} />
          </dd>
        </div>
        <div>
          <dt>Window</dt>
          <dd>
            {effect.complete ? (
              <span className="badge ok">Complete</span>
            ) : (
              <span className="badge warn">{`Open for ${formatInt(pending)} subjects`}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Verdict</dt>
          <dd>
            <span className={`badge ${said.tone}`}>{said.text}</span>
          </dd>
        </div>
      </dl>
      <p className="muted report-hint">
        Goal: {goalText(effect.goal)} of the signal; {effect.holdoutPct}% of subjects held out (no email, task
        or alert). Signals raised from {formatDateTime(effect.from)} to {formatDateTime(effect.to)}, each
        subject once. Subjects counts only those whose window has ended; a subject inside its window is
        neither a success nor a failure yet.
      </p>
    </div>
  );
}

/** A rule's card: its name, the version reported (the current one by default), its effect and its weeks. */
export function RuleEffectCard({
  rule,
  range,
  version,
  onVersion,
}: {
  rule: Rule;
  range: { from: string; to: string };
  version: number | null;
  onVersion: (version: number | null) => void;
}) {
  const query = { from: range.from, to: range.to, ...(version === null ? {} : { version: String(version) }) };
  const effect = useProjectGet<RuleEffect>(`rules/${rule.id}/effect`, query);
  const headingId = `effect-${rule.id}`;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <div className="report-head">
        <h3 id={headingId}>{rule.name}</h3>
        {effect.data && effect.data.versions.length > 1 && (
          <label>
            Version
            <select
              value={effect.data.version}
              onChange={(e) => {
                const next = Number(e.target.value);
                onVersion(next === rule.version ? null : next);
              }}
            >
              {effect.data.versions.map((v) => (
                <option key={v} value={v}>
                  {v === rule.version ? `v${v} (current)` : `v${v}`}
                </option>
              ))}
            </select>
          </label>
        )}
        {effect.data && effect.data.versions.length <= 1 && (
          <span className="muted">Version {effect.data.version}</span>
        )}
      </div>
      {rule.holdoutPct === 0 && version === null && (
        <p className="muted">
          This rule holds nobody out, so its effect cannot be measured: give it a hold-out on the Rules page.
        </p>
      )}
      <DataState query={effect} minHeight={160} label={`${rule.name} effect`}>
        {(data) => <EffectView rule={rule} effect={data} />}
      </DataState>
      {(rule.holdoutPct > 0 || version !== null) && (
        <>
          <h4 className="effect-series-heading">Over time, per week of the signals</h4>
          <EffectOverTime ruleId={rule.id} name={rule.name} range={range} version={version} />
        </>
      )}
    </section>
  );
}
