import type { AccountDetail } from '@bindery/contracts';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate, formatInt } from '../../format';
import { COLORS, LEGEND, shortDay, TICK } from '../../components/chart-style';
import { Section } from '../../components/Section';

/** The account's last 30 days: actions a day as bars, active users a day as a line on its own axis. */
export function UsageChart({ daily }: { daily: AccountDetail['daily'] }) {
  const events = daily.reduce((sum, d) => sum + d.events, 0);
  return (
    <Section title="Usage, last 30 days">
      {events === 0 ? (
        <div className="state state-empty" style={{ minHeight: 280 }}>
          No actions in the last 30 days.
        </div>
      ) : (
        <>
          <p className="muted">{formatInt(events)} actions in 30 days</p>
          <div
            className="chart"
            role="img"
            aria-label={`Daily actions and active users, ${daily[0]?.day ?? ''} to ${daily.at(-1)?.day ?? ''}`}
          >
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={daily} margin={{ top: 8, right: 0, bottom: 0, left: -12 }}>
                <CartesianGrid stroke={COLORS.grid} vertical={false} />
                <XAxis dataKey="day" tickFormatter={shortDay} tick={TICK} minTickGap={24} />
                <YAxis yAxisId="events" tick={TICK} allowDecimals={false} />
                <YAxis yAxisId="users" orientation="right" tick={TICK} allowDecimals={false} />
                <Tooltip labelFormatter={(day) => formatDate(String(day))} />
                <Legend {...LEGEND} />
                <Bar
                  yAxisId="events"
                  dataKey="events"
                  name="Actions"
                  fill={COLORS.accentSoft}
                  isAnimationActive={false}
                />
                <Line
                  yAxisId="users"
                  type="linear"
                  dataKey="activeUsers"
                  name="Active users"
                  stroke={COLORS.accent}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
        </>
      )}
    </Section>
  );
}
