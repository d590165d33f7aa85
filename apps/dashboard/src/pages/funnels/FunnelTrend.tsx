import type { FunnelTrendInterval, FunnelTrendPoint } from '@bindery/contracts';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COLORS, PeriodDot, shortDay, TICK } from '../../components/chart-style';
import { formatDate, formatInt, formatPercent } from '../../format';

export const TREND_INTERVALS: readonly FunnelTrendInterval[] = ['day', 'week'];

/**
 * Conversion over time: per day or week of the project's time zone, the share of the subjects that did step 1
 * then (on their best path) and went on to the last step.
 */
export function FunnelTrend({
  trend,
  interval,
  onInterval,
  lastEvent,
}: {
  trend: FunnelTrendPoint[];
  interval: FunnelTrendInterval;
  onInterval: (interval: FunnelTrendInterval) => void;
  lastEvent: string;
}) {
  const points = trend.map((p) => ({ ...p, percent: p.entered === 0 ? null : p.conversion * 100 }));
  const entered = trend.filter((p) => p.entered > 0);
  const summary = entered
    .map(
      (p) =>
        `${formatDate(p.start)}: ${formatPercent(p.conversion)} of ${formatInt(p.entered)}${p.complete ? '' : ' so far'}`,
    )
    .join('; ');
  return (
    <section className="stack" aria-labelledby="trend-heading">
      <div className="report-head">
        <h3 id="trend-heading">Conversion over time</h3>
        <label>
          By
          <select value={interval} onChange={(e) => onInterval(e.target.value as FunnelTrendInterval)}>
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </label>
      </div>
      <div
        className="chart"
        role="img"
        aria-label={`Conversion to “${lastEvent}” by ${interval} of entry: ${summary || 'nobody entered'}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            <XAxis dataKey="start" tickFormatter={shortDay} tick={TICK} minTickGap={24} />
            <YAxis tick={TICK} domain={[0, 100]} tickFormatter={(n: number) => `${n}%`} />
            <Tooltip
              labelFormatter={(day) => (interval === 'week' ? 'Week of ' : '') + formatDate(String(day))}
              formatter={(_value, _name, item) => {
                const p = item.payload as FunnelTrendPoint;
                return [
                  `${formatPercent(p.conversion)} (${formatInt(p.converted)} of ${formatInt(p.entered)})${p.complete ? '' : ', so far'}`,
                  'Converted',
                ];
              }}
            />
            <Line
              type="monotone"
              dataKey="percent"
              name="Converted"
              stroke={COLORS.accent}
              strokeWidth={2}
              connectNulls
              dot={PeriodDot}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="muted report-hint">
        Each {interval} counts who did the first step then (on their best path) and the share of them that
        went on to “{lastEvent}”; its days are those of the project’s time zone. A hollow point: some of that{' '}
        {interval}’s entrants can still convert within the funnel’s window, so its share can still grow.
      </p>
    </section>
  );
}
