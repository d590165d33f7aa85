import type { EffectPeriod, RuleEffectSeries } from '@bindery/contracts';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useProjectGet } from '../../api/hooks';
import { COLORS, PeriodDot, shortDay, TICK } from '../../components/chart-style';
import { DataState } from '../../components/DataState';
import { formatInt } from '../../format';
import { formatInterval, formatPoints } from './effect-format';

const month = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** One period as the chart draws it: the lift and its interval in percentage points, and its label. */
export interface SeriesPoint {
  label: string;
  lift: number | null;
  band: [number, number] | null;
  complete: boolean;
  subjects: number;
  pending: number;
}

/** "2 Mar" for a week (its first day in the range), "Mar 2026" for a month. */
export function periodLabel(
  period: Pick<EffectPeriod, 'from'>,
  interval: RuleEffectSeries['interval'],
): string {
  return interval === 'month' ? month.format(new Date(period.from)) : shortDay(period.from);
}

/** The chart's points: rates as percentage points, a period without both arms measured left without a point. */
export function seriesPoints(series: RuleEffectSeries): SeriesPoint[] {
  const pts = (n: number) => Math.round(n * 1000) / 10;
  return series.periods.map((p) => ({
    label: periodLabel(p, series.interval),
    lift: p.lift === null ? null : pts(p.lift),
    band: p.interval === null ? null : [pts(p.interval.low), pts(p.interval.high)],
    complete: p.complete,
    subjects: p.treated.subjects + p.heldOut.subjects,
    pending: p.treated.pending + p.heldOut.pending,
  }));
}

/** The lift per period with its 95 % interval as a band, and a table of the same figures for screen readers. */
export function EffectSeriesView({ name, series }: { name: string; series: RuleEffectSeries }) {
  const points = seriesPoints(series);
  const open = points.filter((p) => !p.complete).length;
  return (
    <div className="stack">
      <div
        className="chart effect-series-chart"
        role="img"
        aria-label={`${name}: lift per ${series.interval} with its 95 % interval; ${open} of ${points.length} periods with goal windows still open`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            <XAxis dataKey="label" tick={TICK} minTickGap={16} />
            <YAxis tick={TICK} tickFormatter={(n: number) => `${n > 0 ? '+' : ''}${n}`} unit=" pts" />
            <ReferenceLine y={0} stroke={COLORS.muted} strokeDasharray="4 4" />
            <Tooltip
              formatter={(value, key) =>
                key === 'band' && Array.isArray(value)
                  ? [`${String(value[0])} to ${String(value[1])} pts`, '95 % interval']
                  : [`${String(value)} pts`, 'Lift']
              }
            />
            <Area
              dataKey="band"
              name="95 % interval"
              stroke="none"
              fill={COLORS.accentSoft}
              fillOpacity={0.6}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="lift"
              name="Lift"
              stroke={COLORS.accent}
              strokeWidth={2}
              connectNulls={false}
              dot={PeriodDot}
              activeDot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{`${name}: effect per ${series.interval}`}</caption>
        <thead>
          <tr>
            <th scope="col">Signals from</th>
            <th scope="col">Subjects</th>
            <th scope="col">Lift</th>
            <th scope="col">95 % interval</th>
            <th scope="col">Goal windows</th>
          </tr>
        </thead>
        <tbody>
          {series.periods.map((p, i) => (
            <tr key={p.from}>
              <th scope="row">{points[i]!.label}</th>
              <td>{formatInt(points[i]!.subjects)}</td>
              <td>{formatPoints(p.lift)}</td>
              <td>{formatInterval(p.interval)}</td>
              <td>{p.complete ? 'Complete' : `Open for ${formatInt(points[i]!.pending)} subjects`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted report-hint">
        Lift per {series.interval} of the signals, with its 95 % interval as the shaded band; the dashed line
        is no effect. A hollow point: some goal windows of that {series.interval} are still open, so its
        figures may change. A gap: not both arms had a subject whose window ended.
      </p>
    </div>
  );
}

/** A rule version's effect over time, per week of its signals in the page's range. */
export function EffectOverTime({
  ruleId,
  name,
  range,
  version,
}: {
  ruleId: string;
  name: string;
  range: { from: string; to: string };
  version: number | null;
}) {
  const query = {
    from: range.from,
    to: range.to,
    interval: 'week',
    ...(version === null ? {} : { version: String(version) }),
  };
  const series = useProjectGet<RuleEffectSeries>(`rules/${ruleId}/effect/series`, query);
  return (
    <DataState
      query={series}
      minHeight={280}
      label={`${name} effect over time`}
      isEmpty={(d) => d.periods.every((p) => p.lift === null)}
      empty="No week of this range has subjects in both arms whose goal window ended yet."
    >
      {(data) => <EffectSeriesView name={name} series={data} />}
    </DataState>
  );
}
