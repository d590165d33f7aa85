import type { ActivityResult } from '@bindery/contracts';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useProjectReport } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { RangeSelect, useRange } from '../../components/RangeSelect';
import { formatCompact, formatDate, formatInt } from '../../format';
import { COLORS, LEGEND, shortDay, TICK } from '../../components/chart-style';
import { Section } from '../../components/Section';

const LINES = [
  { key: 'dau', name: 'DAU', color: COLORS.accent },
  { key: 'wau', name: 'WAU', color: COLORS.ok },
  { key: 'mau', name: 'MAU', color: COLORS.warn },
] as const;

/** Daily, weekly and monthly active users over the chosen range. */
export function ActivityChart() {
  const range = useRange(30);
  const activity = useProjectReport<ActivityResult>('activity/query', { from: range.from, to: range.to });
  return (
    <Section title="Active users by day" actions={<RangeSelect days={range.days} onChange={range.setDays} />}>
      <DataState
        query={activity}
        label="active users"
        minHeight={280}
        isEmpty={(d) => d.series.every((p) => p.mau === 0)}
        empty="No user was active in this range."
      >
        {(data) => {
          const last = data.series.at(-1);
          return (
            <div
              className="chart"
              role="img"
              aria-label={`Active users by day; on ${last?.day ?? ''}: ${formatInt(last?.dau)} daily, ${formatInt(last?.wau)} weekly, ${formatInt(last?.mau)} monthly`}
            >
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={data.series} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
                  <CartesianGrid stroke={COLORS.grid} vertical={false} />
                  <XAxis dataKey="day" tickFormatter={shortDay} tick={TICK} minTickGap={24} />
                  <YAxis tick={TICK} tickFormatter={(n: number) => formatCompact(n)} allowDecimals={false} />
                  <Tooltip
                    labelFormatter={(day) => formatDate(String(day))}
                    formatter={(value) => formatInt(Number(value))}
                  />
                  <Legend {...LEGEND} itemSorter={null} />
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
          );
        }}
      </DataState>
    </Section>
  );
}
