import { useState } from 'react';
import type { MessageAnalytics, Rule, RuleList } from '@bindery/contracts';
import { useProjectGet } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { RangeSelect, useRange } from '../components/RangeSelect';
import { useUrlState } from '../components/url-state';
import { GoalsHistory } from './outcomes/GoalsHistory';
import { MessageFunnel } from './outcomes/MessageFunnel';
import { RuleEffectCard } from './outcomes/RuleEffectCard';
import './analytics.css';
import './outcomes.css';

/**
 * Outcomes: whether acting on signals changes anything. Per rule, the subjects it acted on against those it
 * held out, with the lift and its interval; per template and rule, what the training emails did. The range
 * (`?days=`) and a rule's version other than its current one (`?v.<ruleId>=`) live in the URL.
 */
export function Outcomes() {
  const range = useRange(30);
  const { params, patch } = useUrlState();
  const rules = useProjectGet<RuleList>('rules');
  const [showAll, setShowAll] = useState(false);
  const messages = useProjectGet<MessageAnalytics>('messages/analytics', { from: range.from, to: range.to });

  return (
    <>
      <PageHeader title="Outcomes">
        <RangeSelect days={range.days} onChange={range.setDays} />
      </PageHeader>
      <section className="stack" aria-labelledby="rules-heading">
        <h2 id="rules-heading">Rules: acted on against held out</h2>
        <p className="muted report-hint">
          A rule with a hold-out leaves a fixed share of its subjects alone (the arm follows from the rule and
          the subject, never from chance at run time). Each subject counts once, by its first signal in the
          range, when its goal window has ended: the lift is the treated rate minus the held-out rate, with a
          95 % interval by Newcombe’s hybrid score method. An interval above 0 says acting helps. A signal is
          dated when a rules run raises it, so a project whose rules started running less than a goal window
          ago has every subject still in its window: the table shows how many reached the goal so far, and the
          lift appears once the windows end. Over time, per week of the signals, shows the same for each week.
        </p>
        <DataState
          query={rules}
          minHeight={200}
          label="rules"
          isEmpty={(d) => d.rules.length === 0}
          empty="No rules yet: add one on the Rules page."
        >
          {(data) => {
            const card = (rule: Rule) => {
              const v = Number(params.get(`v.${rule.id}`));
              return (
                <RuleEffectCard
                  key={rule.id}
                  rule={rule}
                  range={range}
                  version={Number.isInteger(v) && v > 0 ? v : null}
                  onVersion={(next) => patch({ [`v.${rule.id}`]: next === null ? null : String(next) })}
                />
              );
            };
            const byName = [...data.rules].sort((a, b) => a.name.localeCompare(b.name));
            const held = byName.filter((r) => r.holdoutPct > 0);
            const others = byName.filter((r) => r.holdoutPct === 0);
            return (
              <div className="stack">
                {held.length === 0 && (
                  <div className="state state-empty">
                    No rule holds anyone out yet: give a rule a hold-out on the Rules page to measure it.
                  </div>
                )}
                {held.map(card)}
                {others.length > 0 && (
                  <button
                    type="button"
                    className="link outcomes-toggle"
                    aria-expanded={showAll}
                    onClick={() => setShowAll(!showAll)}
                  >
                    {showAll
                      ? `Hide the ${others.length} rules without a hold-out`
                      : `Show the ${others.length} rules without a hold-out`}
                  </button>
                )}
                {showAll && others.map(card)}
              </div>
            );
          }}
        </DataState>
      </section>
      <section className="card stack outcomes-emails" aria-labelledby="emails-heading">
        <h2 id="emails-heading">Training emails: sent → clicked → converted</h2>
        <DataState
          query={messages}
          minHeight={160}
          label="email analytics"
          isEmpty={(d) => d.templates.length === 0}
          empty="No training emails were written in this range."
        >
          {(data) => {
            const opens = data.opens.tracked || data.templates.some((t) => t.opened > 0);
            return (
              <div className="stack">
                <h3>Per template</h3>
                <MessageFunnel
                  header="Template"
                  caption="Email funnel per template"
                  rows={data.templates.map((t) => ({ ...t, key: t.template, name: t.template }))}
                  opens={opens}
                />
                <h3>Per rule</h3>
                <MessageFunnel
                  header="Rule"
                  caption="Email funnel per rule"
                  rows={data.rules.map((r) => ({ ...r, key: r.ruleId }))}
                  opens={opens}
                />
                <p className="muted report-hint">
                  Emails written in the range. Clicked: a tracked link in the email was followed (once per
                  email). Converted: the person reached the rule’s goal within its goal days of the send, so
                  far; an email need not be clicked to convert. Written but neither sent, failed nor
                  suppressed: still queued.{' '}
                  {opens
                    ? `Opened: ${data.opens.caveat}`
                    : 'Opens are not tracked: the project setting openTracking turns a tracking image on.'}
                </p>
              </div>
            );
          }}
        </DataState>
      </section>
      <GoalsHistory />
    </>
  );
}
