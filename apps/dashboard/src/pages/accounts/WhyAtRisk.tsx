import { useState } from 'react';
import type { AccountRisk, AccountSummary } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { Section } from '../../components/Section';
import { changeSentence, KIND_LABELS, labelParts, scoredSentence, signedPoints } from './risk-drivers';
import './why-at-risk.css';

const SPANS = [7, 14, 30] as const;

/**
 * What moved the account's health over the last days: each driver in words, with the points it cost or gave.
 * The score here counts the events and signals as they are now; when the rules worker's latest stored score
 * (the health panel's) differs, a line says which is which.
 */
export function WhyAtRisk({ accountId, scored }: { accountId: string; scored?: AccountSummary['health'] }) {
  const [days, setDays] = useState<(typeof SPANS)[number]>(14);
  const risk = useProjectGet<AccountRisk>(`accounts/${encodeURIComponent(accountId)}/risk`, { days });
  const span = (
    <label>
      Since
      <select value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof SPANS)[number])}>
        {SPANS.map((d) => (
          <option key={d} value={d}>
            {d} days ago
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Section title="Why at risk" actions={span}>
      <DataState query={risk} label="why the health changed" minHeight={120}>
        {(data) => (
          <>
            <p className="risk-change">{changeSentence(data)}</p>
            {scored && scored.score !== data.scoreNow && (
              <p className="muted">{scoredSentence(scored, data)}</p>
            )}
            {data.drivers.length === 0 ? (
              <p className="muted">Nothing moved the score in this time.</p>
            ) : (
              <ol className="list-stack risk-drivers" aria-label="Drivers of the change, most costly first">
                {data.drivers.map((d, i) => (
                  <li key={i}>
                    <span
                      className={`risk-points num ${d.points < 0 ? 'danger' : 'ok'}`}
                      title={`${d.points < 0 ? 'Cost' : 'Gave'} ${Math.abs(d.points)} of the score’s points`}
                    >
                      {signedPoints(d.points)}
                    </span>
                    <span className="risk-label">
                      {labelParts(d.label).map((p, k) => (p.code ? <code key={k}>{p.text}</code> : p.text))}
                    </span>
                    <span className="badge">{KIND_LABELS[d.kind]}</span>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </DataState>
    </Section>
  );
}
