export type HealthTone = 'ok' | 'warn' | 'danger';
export type AbcClass = 'A' | 'B' | 'C';

/** Accounts scoring below this are "at risk": the same line for badges, filters and the overview. */
export const AT_RISK_BELOW = 70;
const DANGER_BELOW = 50;

/** The colour of a health score 0–100: danger below 50, warn below 70 (at risk), ok from 70. */
export function healthTone(score: number): HealthTone {
  if (score < DANGER_BELOW) return 'danger';
  if (score < AT_RISK_BELOW) return 'warn';
  return 'ok';
}

/** Whether a scored account is at risk; an account not scored yet is not. */
export const isAtRisk = (score: number | null | undefined) => score != null && score < AT_RISK_BELOW;

const TONE_WORDS: Record<HealthTone, string> = { ok: 'healthy', warn: 'at risk', danger: 'critical' };
const WIDE = { minWidth: '2.9em', textAlign: 'center' } as const;
const ROW = { display: 'inline-flex', gap: 4, alignItems: 'center' } as const;

/** A health score as a coloured badge, and the ABC class beside it when given. */
export function HealthBadge({ score, abc }: { score: number | null | undefined; abc?: AbcClass | null }) {
  return (
    <span style={ROW}>
      {score == null ? (
        <span className="badge" title="The rules worker has not scored this account yet">
          not scored
        </span>
      ) : (
        <span
          className={`badge ${healthTone(score)}`}
          style={WIDE}
          title={`Health ${score} of 100: ${TONE_WORDS[healthTone(score)]}`}
        >
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
