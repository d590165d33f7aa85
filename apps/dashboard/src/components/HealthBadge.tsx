import { WATCH_BAND } from '@bindery/contracts';
import { useAtRiskBelow } from './at-risk-line';

export type HealthTone = 'ok' | 'warn' | 'danger';
export type AbcClass = 'A' | 'B' | 'C';

/** The colour of a health score 0–100: danger below the at-risk line, warn just above it, ok from there. */
export function healthTone(score: number, atRiskBelow: number): HealthTone {
  if (score < atRiskBelow) return 'danger';
  if (score < atRiskBelow + WATCH_BAND) return 'warn';
  return 'ok';
}

/** Whether a scored account is at risk; an account not scored yet is not. */
export const isAtRisk = (score: number | null | undefined, atRiskBelow: number) =>
  score != null && score < atRiskBelow;

const TONE_WORDS: Record<HealthTone, string> = { ok: 'healthy', warn: 'worth watching', danger: 'at risk' };
const WIDE = { minWidth: '2.9em', textAlign: 'center' } as const;
const ROW = { display: 'inline-flex', gap: 4, alignItems: 'center' } as const;

/** A health score as a coloured badge, and the ABC class beside it when given. */
export function HealthBadge({ score, abc }: { score: number | null | undefined; abc?: AbcClass | null }) {
  const atRiskBelow = useAtRiskBelow();
  const tone = score == null ? 'ok' : healthTone(score, atRiskBelow);
  return (
    <span style={ROW}>
      {score == null ? (
        <span className="badge" title="The rules worker has not scored this account yet">
          not scored
        </span>
      ) : (
        <span className={`badge ${tone}`} style={WIDE} title={`Health ${score} of 100: ${TONE_WORDS[tone]}`}>
          {score}
        </span>
      )}
      {abc !== undefined && <AbcBadge abc={abc} />}
    </span>
  );
}

/** The ABC class by MRR (A: the accounts that bring the most revenue). */
export function AbcBadge({ abc }: { abc: AbcClass | null }) {
  if (!abc) return <span className="muted">—</span>;
  return (
    <span className={abc === 'A' ? 'badge info' : 'badge'} title={`ABC class ${abc}, by MRR`}>
      {abc}
    </span>
  );
}
