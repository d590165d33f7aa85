import type { AccountSummary, ProjectSettings } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { useAtRiskBelow } from '../../components/at-risk-line';
import { HealthBadge, healthTone } from '../../components/HealthBadge';
import { formatDate, formatPercent } from '../../format';
import { healthComponentRows } from './health-components';
import { Section } from '../../components/Section';

/**
 * The account's latest health score and its components, each with its share of the score; sentiment, when the
 * project weighs it, says so when the account has no survey answers to count.
 */
export function HealthPanel({ health }: { health: AccountSummary['health'] }) {
  // The weights only add context: without them the components still show.
  const settings = useProjectGet<ProjectSettings>('settings', {}, { retry: false });
  const atRiskBelow = useAtRiskBelow();
  return (
    <Section title="Health">
      {health ? (
        <>
          <p className="health-now">
            <HealthBadge score={health.score} abc={health.abc} />
            <span className="muted">scored on {formatDate(health.day)}</span>
          </p>
          <ul className="list-stack health-components">
            {healthComponentRows(health.components, settings.data?.healthWeights).map((c) => (
              <li key={c.key}>
                <span className="hc-label">{c.label}</span>
                <span
                  className="hc-bar"
                  role="meter"
                  aria-label={c.label}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={c.value}
                >
                  <span
                    className={`hc-fill ${healthTone(c.value, atRiskBelow)}`}
                    style={{ width: `${c.value}%` }}
                  />
                </span>
                <span className="hc-value num">{c.value}</span>
                <span className="hc-about muted">
                  {c.about}
                  {c.weight !== null && ` · weighs ${formatPercent(c.weight)}`}
                </span>
              </li>
            ))}
          </ul>
          {!('sentiment' in health.components) && (settings.data?.healthWeights.sentiment ?? 0) > 0 && (
            <p className="muted">
              Sentiment: no survey answers in the last 180 days, so it is left out of the score.
            </p>
          )}
        </>
      ) : (
        <p className="muted">Not scored yet: the rules worker scores every account on its daily run.</p>
      )}
    </Section>
  );
}
