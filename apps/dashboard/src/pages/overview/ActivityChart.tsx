import { useState } from 'react';
import type { ActivityResult } from '@bindery/contracts';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useProjectReport } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { ComparedTile } from '../../components/date-range/Compared';
import { DateRangePicker } from '../../components/date-range/DateRangePicker';
import { useDateRange } from '../../components/date-range/use-date-range';
import { formatCompact, formatDate, formatInt, formatPercent } from '../../format';
import { COLORS, LEGEND, shortDay, TICK } from '../../components/chart-style';
import { Section } from '../../components/Section';

const LINES = [
  { key: 'dau', name: 'DAU', color: COLORS.accent },
  { key: 'wau', name: 'WAU', color: COLORS.ok },
  { key: 'mau', name: 'MAU', color: COLORS.warn },
] as const;

/** The range's key figures from its days: average and peak daily actives, actions, average stickiness. */
export function activityFigures(series: ActivityResult['series']) {
  const days = Math.max(1, series.length);
  const sum = (pick: (d: ActivityResult['series'][number]) => number) =>
    series.reduce((s, d) => s + pick(d), 0);
  return {
    averageDau: sum((d) => d.dau) / days,
    peakDau: Math.max(0, ...series.map((d) => d.dau)),
    events: sum((d) => d.events),
    stickiness: sum((d) => d.stickiness) / days,
  };
}

const oneDecimal = (n: number) => (n < 10 && n !== Math.round(n) ? n.toFixed(1) : formatInt(n));

/**
 * Daily, weekly and monthly active users over the chosen range, with its key figures and, when comparing, the
 * previous period's.
 */
export function ActivityChart() {
  const range = useDateRange(30);
  // When the page opened: a range ending after it holds today, counted so far.
  const [openedAt] = useState(Date.now);
  const activity = useProjectReport<ActivityResult>('activity/query', { from: range.from, to: range.to });
  const previous = useProjectReport<ActivityResult>('activity/query', range.previous, {
    enabled: range.previous !== null,
  });
  const before = range.previous && previous.data ? activityFigures(previous.data.series) : null;
  return (
    <Section title="Active users by day" actions={<DateRangePicker range={range} comparable />}>
      <DataState
        query={activity}
        label="active users"
        minHeight={280}
        isEmpty={(d) => d.series.every((p) => p.mau === 0)}
        empty="No user was active in this range."
      >
        {(data) => {
          const last = data.series.at(-1);
          // The chart shades the stretch into today, so that the day's first hours do not read as a fall.
          const sofar = Date.parse(range.to) > openedAt && data.series.length > 1;
          const now = activityFigures(data.series);
          return (
            <div className="stack">
              <div className="tiles" aria-label="Key figures" role="group">
                <ComparedTile
                  label="Average daily active users"
                  now={now.averageDau}
                  before={before?.averageDau}
                  format={oneDecimal}
                />
                <ComparedTile
                  label="Peak daily active users"
                  now={now.peakDau}
                  before={before?.peakDau}
                  format={formatInt}
                />
                <ComparedTile
                  label="Events in the range"
                  now={now.events}
                  before={before?.events}
                  format={formatInt}
                />
                <ComparedTile
                  label="Average stickiness (DAU / MAU)"
                  now={now.stickiness}
                  before={before?.stickiness}
                  format={formatPercent}
                  share
                />
              </div>
              <div
                className="chart"
                role="img"
                aria-label={`Active users by day; on ${last?.day ?? ''}${sofar ? ' (today, so far)' : ''}: ${formatInt(last?.dau)} daily, ${formatInt(last?.wau)} weekly, ${formatInt(last?.mau)} monthly`}
              >
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={data.series} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
                    <CartesianGrid stroke={COLORS.grid} vertical={false} />
                    <XAxis dataKey="day" tickFormatter={shortDay} tick={TICK} minTickGap={24} />
                    <YAxis
                      tick={TICK}
                      tickFormatter={(n: number) => formatCompact(n)}
                      allowDecimals={false}
                    />
                    <Tooltip
                      labelFormatter={(day) =>
                        formatDate(String(day)) + (sofar && day === last?.day ? ', so far' : '')
                      }
                      formatter={(value) => formatInt(Number(value))}
                    />
                    <Legend {...LEGEND} itemSorter={null} />
                    {sofar && (
                      <ReferenceArea
                        x1={data.series.at(-2)?.day}
                        x2={last?.day}
                        fill={COLORS.grid}
                        fillOpacity={0.8}
                      />
                    )}
                    {LINES.map((l) => (
                      <Line
                        key={l.key}
                        type="monotone"
                        dataKey={l.key}
                        name={l.name}
                        stroke={l.color}
                        strokeWidth={2}
                        dot={false}
                        isAnimationActive={false}
                      />
                    ))}
                  </LineChart>
                </ResponsiveContainer>
              </div>
              {sofar && (
                <p className="muted report-hint">
                  The shaded last day is today, counted so far: its figures grow until the day ends.
                </p>
              )}
            </div>
          );
        }}
      </DataState>
    </Section>
  );
}
