import type { RuleEffect } from '@bindery/contracts';

const WIDTH = 240;
const HEIGHT = 28;

/**
 * The lift and its 95 % interval on a line through 0, drawn symmetric around 0 so that which side of 0 the
 * interval lies on reads at a glance. Decorative: the numbers beside it say the same.
 */
export function IntervalBar({ lift, interval }: Pick<RuleEffect, 'lift' | 'interval'>) {
  if (lift === null || interval === null) return null;
  const span = Math.max(0.05, Math.abs(interval.low), Math.abs(interval.high)) * 1.1;
  const x = (v: number) => WIDTH / 2 + (v / span) * (WIDTH / 2 - 6);
  const excludesZero = interval.low > 0 || interval.high < 0;
  const colour = excludesZero ? 'var(--accent)' : 'var(--muted)';
  return (
    <svg width={WIDTH} height={HEIGHT} className="interval-bar" aria-hidden="true">
      <line x1={0} x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} stroke="var(--border)" />
      <line
        x1={WIDTH / 2}
        x2={WIDTH / 2}
        y1={2}
        y2={HEIGHT - 2}
        stroke="var(--muted)"
        strokeDasharray="2 2"
      />
      <line
        x1={x(interval.low)}
        x2={x(interval.high)}
        y1={HEIGHT / 2}
        y2={HEIGHT / 2}
        stroke={colour}
        strokeWidth={4}
        strokeLinecap="round"
      />
      <circle cx={x(lift)} cy={HEIGHT / 2} r={5} fill={colour} />
    </svg>
  );
}
