import type { RetentionResult } from '@bindery/contracts';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COLORS, TICK } from '../../components/chart-style';
import { formatInt, formatPercent } from '../../format';

/**
 * The retention curve over all cohorts: period 0 (the cohorts themselves, 100 %), then the share that came back
 * in each later period, of the cohorts that period has ended for (the API's `curve`).
 */
export function RetentionCurve({ result }: { result: RetentionResult }) {
  const unit = result.period === 'week' ? 'Week' : 'Day';
  const points = result.curve
    .filter((p) => p.rate !== null)
    .map((p) => ({ ...p, label: `${unit} ${p.period}`, percent: (p.rate ?? 0) * 100 }));
  const summary = points.map((p) => `${p.label} ${formatPercent(p.rate)}`).join(', ');
  return (
    <figure className="retention-curve">
      <figcaption>Retention curve, all cohorts</figcaption>
      <div className="chart" role="img" aria-label={`Retention curve: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            <XAxis dataKey="label" tick={TICK} minTickGap={12} />
            <YAxis tick={TICK} domain={[0, 100]} tickFormatter={(n: number) => `${n}%`} />
            <Tooltip
              formatter={(_value, _name, item) => {
                const p = item.payload as (typeof points)[number];
                return [
                  `${formatPercent(p.rate)} (${formatInt(p.returned)} of ${formatInt(p.subjects)})`,
                  'Came back',
                ];
              }}
            />
            <Line
              type="monotone"
              dataKey="percent"
              name="Came back"
              stroke={COLORS.accent}
              strokeWidth={2}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
